namespace EdgeOrch.ApiServer.Protobuf;

/// <summary>
/// core/v1 Pod, PodTemplateSpec, PodSpec, Container and everything they hold: volumes, probes, env, security
/// contexts, scheduling (affinity, tolerations, topology spread). Field numbers from k8s.io/api core/v1
/// generated.proto; "!" marks Go pointers and fields whose json tag lacks omitempty.
/// </summary>
internal static class PodSchema
{
    // Shared by Container and EphemeralContainerCommon, which carry the same fields under the same numbers.
    private const string ContainerFields =
        "1 name s!; 2 image s; 3 command []s; 4 args []s; 5 workingDir s; 6 ports []ContainerPort; 7 env []EnvVar; " +
        "8 resources ResourceRequirements; 9 volumeMounts []VolumeMount; 10 livenessProbe Probe; 11 readinessProbe Probe; " +
        "12 lifecycle Lifecycle; 13 terminationMessagePath s; 14 imagePullPolicy s; 15 securityContext SecurityContext; " +
        "16 stdin b; 17 stdinOnce b; 18 tty b; 19 envFrom []EnvFromSource; 20 terminationMessagePolicy s; " +
        "21 volumeDevices []VolumeDevice; 22 startupProbe Probe; 23 resizePolicy []ContainerResizePolicy; " +
        "24 restartPolicy s!; 25 restartPolicyRules []ContainerRestartRule";

    public static void Register(SchemaBuilder b)
    {
        b.Message("Pod", "1 metadata ObjectMeta; 2 spec PodSpec; 3 status PodStatus");
        b.Message("PodTemplateSpec", "1 metadata ObjectMeta; 2 spec PodSpec");
        b.Message("PodSpec",
            "1 volumes []Volume; 2 containers []Container; 3 restartPolicy s; 4 terminationGracePeriodSeconds i64!; " +
            "5 activeDeadlineSeconds i64!; 6 dnsPolicy s; 7 nodeSelector map<s>; 8 serviceAccountName s; " +
            "9 serviceAccount s; 10 nodeName s; 11 hostNetwork b; 12 hostPID b; 13 hostIPC b; " +
            "14 securityContext PodSecurityContext; 15 imagePullSecrets []LocalObjectReference; 16 hostname s; " +
            "17 subdomain s; 18 affinity Affinity; 19 schedulerName s; 20 initContainers []Container; " +
            "21 automountServiceAccountToken b!; 22 tolerations []Toleration; 23 hostAliases []HostAlias; " +
            "24 priorityClassName s; 25 priority i32!; 26 dnsConfig PodDNSConfig; 27 shareProcessNamespace b!; " +
            "28 readinessGates []PodReadinessGate; 29 runtimeClassName s!; 30 enableServiceLinks b!; " +
            "31 preemptionPolicy s!; 32 overhead map<q>; 33 topologySpreadConstraints []TopologySpreadConstraint; " +
            "34 ephemeralContainers []EphemeralContainer; 35 setHostnameAsFQDN b!; 36 os PodOS; 37 hostUsers b!; " +
            "38 schedulingGates []PodSchedulingGate; 39 resourceClaims []PodResourceClaim; " +
            "40 resources ResourceRequirements; 41 hostnameOverride s!");
        b.Message("PodStatus",
            "1 phase s; 2 conditions []PodCondition; 3 message s; 4 reason s; 5 hostIP s; 6 podIP s; 7 startTime t; " +
            "9 qosClass s; 11 nominatedNodeName s; 17 observedGeneration i64");
        b.Message("PodCondition",
            "1 type s!; 2 status s!; 3 lastProbeTime t; 4 lastTransitionTime t; 5 reason s; 6 message s; 7 observedGeneration i64");

        b.Message("Container", ContainerFields);
        b.Message("EphemeralContainerCommon", ContainerFields);
        b.Message("EphemeralContainer", "1 - ^EphemeralContainerCommon; 2 targetContainerName s");
        b.Message("ContainerPort", "1 name s; 2 hostPort i32; 3 containerPort i32!; 4 protocol s; 5 hostIP s");
        b.Message("ContainerResizePolicy", "1 resourceName s!; 2 restartPolicy s!");
        b.Message("ContainerRestartRule", "1 action s; 2 exitCodes ContainerRestartRuleOnExitCodes");
        b.Message("ContainerRestartRuleOnExitCodes", "1 operator s; 2 values []i32");
        b.Message("EnvVar", "1 name s!; 2 value s; 3 valueFrom EnvVarSource");
        b.Message("EnvVarSource",
            "1 fieldRef ObjectFieldSelector; 2 resourceFieldRef ResourceFieldSelector; " +
            "3 configMapKeyRef ConfigMapKeySelector; 4 secretKeyRef SecretKeySelector; 5 fileKeyRef FileKeySelector");
        b.Message("ObjectFieldSelector", "1 apiVersion s; 2 fieldPath s!");
        b.Message("ResourceFieldSelector", "1 containerName s; 2 resource s!; 3 divisor q");
        b.Message("ConfigMapKeySelector", "1 - ^LocalObjectReference; 2 key s!; 3 optional b!");
        b.Message("SecretKeySelector", "1 - ^LocalObjectReference; 2 key s!; 3 optional b!");
        b.Message("FileKeySelector", "1 volumeName s!; 2 path s!; 3 key s!; 4 optional b!");
        b.Message("EnvFromSource", "1 prefix s; 2 configMapRef ConfigMapEnvSource; 3 secretRef SecretEnvSource");
        b.Message("ConfigMapEnvSource", "1 - ^LocalObjectReference; 2 optional b!");
        b.Message("SecretEnvSource", "1 - ^LocalObjectReference; 2 optional b!");
        b.Message("ResourceRequirements", "1 limits map<q>; 2 requests map<q>; 3 claims []ResourceClaim");
        b.Message("ResourceClaim", "1 name s!; 2 request s");
        b.Message("VolumeMount",
            "1 name s!; 2 readOnly b; 3 mountPath s!; 4 subPath s; 5 mountPropagation s!; 6 subPathExpr s; 7 recursiveReadOnly s!");
        b.Message("VolumeDevice", "1 name s!; 2 devicePath s!");

        b.Message("Probe",
            "1 - ^ProbeHandler; 2 initialDelaySeconds i32; 3 timeoutSeconds i32; 4 periodSeconds i32; " +
            "5 successThreshold i32; 6 failureThreshold i32; 7 terminationGracePeriodSeconds i64!");
        b.Message("ProbeHandler",
            "1 exec ExecAction; 2 httpGet HTTPGetAction; 3 tcpSocket TCPSocketAction; 4 grpc GRPCAction");
        b.Message("Lifecycle", "1 postStart LifecycleHandler; 2 preStop LifecycleHandler; 3 stopSignal s!");
        b.Message("LifecycleHandler",
            "1 exec ExecAction; 2 httpGet HTTPGetAction; 3 tcpSocket TCPSocketAction; 4 sleep SleepAction");
        b.Message("ExecAction", "1 command []s");
        b.Message("HTTPGetAction", "1 path s; 2 port ios; 3 host s; 4 scheme s; 5 httpHeaders []HTTPHeader");
        b.Message("HTTPHeader", "1 name s!; 2 value s!");
        b.Message("TCPSocketAction", "1 port ios; 2 host s");
        b.Message("GRPCAction", "1 port i32!; 2 service s!");
        b.Message("SleepAction", "1 seconds i64!");

        b.Message("SecurityContext",
            "1 capabilities Capabilities; 2 privileged b!; 3 seLinuxOptions SELinuxOptions; 4 runAsUser i64!; " +
            "5 runAsNonRoot b!; 6 readOnlyRootFilesystem b!; 7 allowPrivilegeEscalation b!; 8 runAsGroup i64!; " +
            "9 procMount s!; 10 windowsOptions WindowsSecurityContextOptions; 11 seccompProfile SeccompProfile; " +
            "12 appArmorProfile AppArmorProfile; 13 ulimits []Ulimit");
        b.Message("PodSecurityContext",
            "1 seLinuxOptions SELinuxOptions; 2 runAsUser i64!; 3 runAsNonRoot b!; 4 supplementalGroups []i64; " +
            "5 fsGroup i64!; 6 runAsGroup i64!; 7 sysctls []Sysctl; 8 windowsOptions WindowsSecurityContextOptions; " +
            "9 fsGroupChangePolicy s!; 10 seccompProfile SeccompProfile; 11 appArmorProfile AppArmorProfile; " +
            "12 supplementalGroupsPolicy s!; 13 seLinuxChangePolicy s!");
        b.Message("Capabilities", "1 add []s; 2 drop []s");
        b.Message("SELinuxOptions", "1 user s; 2 role s; 3 type s; 4 level s");
        b.Message("SeccompProfile", "1 type s!; 2 localhostProfile s!");
        b.Message("AppArmorProfile", "1 type s!; 2 localhostProfile s!");
        b.Message("WindowsSecurityContextOptions",
            "1 gmsaCredentialSpecName s!; 2 gmsaCredentialSpec s!; 3 runAsUserName s!; 4 hostProcess b!");
        b.Message("Sysctl", "1 name s!; 2 value s!");
        b.Message("Ulimit", "1 name s!; 2 hard i64!; 3 soft i64!");

        PodVolumeSchema.Register(b);
        PodSchedulingSchema.Register(b);

        b.Kind("v1", "Pod");
    }
}

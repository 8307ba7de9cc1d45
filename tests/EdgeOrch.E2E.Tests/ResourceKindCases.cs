namespace EdgeOrch.E2E.Tests;

/// <summary>
/// One minimal, valid object of each built-in kind the API serves, with a few defaults Kubernetes fills in for it.
/// NAME is replaced by a unique name; namespaced objects are applied into a fresh namespace.
/// </summary>
internal static class ResourceKindCases
{
    public sealed record Case(string Resource, bool Namespaced, string Yaml, params (string Path, string Value)[] Defaults);

    private const string Template = """
          template:
            metadata:
              labels:
                app: NAME
            spec:
              containers:
                - name: c
                  image: busybox:1.36
        """;

    public static readonly Case[] All =
    [
        new("services", true, """
            apiVersion: v1
            kind: Service
            metadata:
              name: NAME
            spec:
              selector:
                app: NAME
              ports:
                - port: 80
            """, ("spec.type", "ClusterIP"), ("spec.ports[0].protocol", "TCP"), ("spec.ports[0].targetPort", "80"), ("spec.sessionAffinity", "None")),
        // Endpoints are maintained by hand only for a Service without a selector (else the endpoints controller owns them).
        new("endpoints", true, """
            apiVersion: v1
            kind: Service
            metadata:
              name: NAME
            spec:
              ports:
                - port: 80
            ---
            apiVersion: v1
            kind: Endpoints
            metadata:
              name: NAME
            subsets:
              - addresses:
                  - ip: 10.1.2.3
                ports:
                  - port: 80
            """, ("subsets[0].ports[0].protocol", "TCP")),
        new("nodes", false, """
            apiVersion: v1
            kind: Node
            metadata:
              name: NAME
              labels:
                kubernetes.io/hostname: NAME
            """),
        new("events", true, """
            apiVersion: v1
            kind: Event
            metadata:
              name: NAME
            involvedObject:
              kind: Pod
              name: some-pod
            reason: Testing
            message: an event made by a test
            type: Normal
            """),
        new("serviceaccounts", true, """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: NAME
            """),
        new("persistentvolumeclaims", true, """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: NAME
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
            """, ("spec.volumeMode", "Filesystem")),
        new("persistentvolumes", false, """
            apiVersion: v1
            kind: PersistentVolume
            metadata:
              name: NAME
            spec:
              capacity:
                storage: 1Gi
              accessModes: [ReadWriteOnce]
              hostPath:
                path: /tmp/NAME
            """, ("spec.persistentVolumeReclaimPolicy", "Retain"), ("spec.volumeMode", "Filesystem")),
        new("replicasets", true, $"""
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: NAME
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: NAME
            {Template}
            """, ("spec.template.spec.restartPolicy", "Always"), ("spec.template.spec.containers[0].imagePullPolicy", "IfNotPresent")),
        new("daemonsets", true, $"""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: NAME
            spec:
              selector:
                matchLabels:
                  app: NAME
            {Template}
            """, ("spec.updateStrategy.type", "RollingUpdate"), ("spec.revisionHistoryLimit", "10")),
        new("controllerrevisions", true, """
            apiVersion: apps/v1
            kind: ControllerRevision
            metadata:
              name: NAME
            revision: 1
            data:
              spec: {}
            """),
        new("jobs", true, """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: NAME
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: c
                      image: busybox:1.36
                      command: [sh, -c, "exit 0"]
            """, ("spec.backoffLimit", "6"), ("spec.completions", "1"), ("spec.parallelism", "1"), ("spec.completionMode", "NonIndexed")),
        new("cronjobs", true, """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: NAME
            spec:
              schedule: "*/5 * * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                        - name: c
                          image: busybox:1.36
            """, ("spec.concurrencyPolicy", "Allow"), ("spec.suspend", "false"), ("spec.successfulJobsHistoryLimit", "3"), ("spec.failedJobsHistoryLimit", "1")),
        new("ingressclasses", false, """
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata:
              name: NAME
            spec:
              controller: example.com/ingress-controller
            """),
        new("clusterroles", false, """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: NAME
            rules:
              - apiGroups: [""]
                resources: [configmaps]
                verbs: [get, list]
            """),
        new("clusterrolebindings", false, """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: NAME
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: view
            subjects:
              - kind: User
                name: jane
                apiGroup: rbac.authorization.k8s.io
            """),
        new("leases", true, """
            apiVersion: coordination.k8s.io/v1
            kind: Lease
            metadata:
              name: NAME
            spec:
              holderIdentity: node-a
              leaseDurationSeconds: 40
            """),
        new("endpointslices", true, """
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: NAME
            addressType: IPv4
            endpoints:
              - addresses: [10.1.2.3]
            ports:
              - port: 80
            """, ("ports[0].protocol", "TCP")),
        new("priorityclasses", false, """
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata:
              name: NAME
            value: 1000
            """, ("preemptionPolicy", "PreemptLowerPriority")),
    ];
}

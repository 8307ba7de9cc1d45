namespace EdgeOrch.ApiServer.Protobuf;

/// <summary>
/// Workload groups: apps/v1 Deployment, batch/v1 Job and CronJob, policy/v1 PodDisruptionBudget, autoscaling/v1 Scale,
/// scheduling.k8s.io/v1 PriorityClass. Field numbers from each group's generated.proto; "!" marks Go pointers and
/// fields whose json tag lacks omitempty.
/// </summary>
internal static class WorkloadSchema
{
    public static void Register(SchemaBuilder b)
    {
        b.Message("Deployment", "1 metadata ObjectMeta; 2 spec DeploymentSpec; 3 status DeploymentStatus");
        b.Message("DeploymentSpec",
            "1 replicas i32!; 2 selector LabelSelector; 3 template PodTemplateSpec; 4 strategy DeploymentStrategy; " +
            "5 minReadySeconds i32; 6 revisionHistoryLimit i32!; 7 paused b; 9 progressDeadlineSeconds i32!");
        b.Message("DeploymentStrategy", "1 type s; 2 rollingUpdate RollingUpdateDeployment");
        b.Message("RollingUpdateDeployment", "1 maxUnavailable ios; 2 maxSurge ios");
        b.Message("DeploymentStatus",
            "1 observedGeneration i64; 2 replicas i32; 3 updatedReplicas i32; 4 availableReplicas i32; " +
            "5 unavailableReplicas i32; 6 conditions []DeploymentCondition; 7 readyReplicas i32; 8 collisionCount i32!; " +
            "9 terminatingReplicas i32!");
        b.Message("DeploymentCondition",
            "1 type s!; 2 status s!; 4 reason s; 5 message s; 6 lastUpdateTime t; 7 lastTransitionTime t");

        b.Message("Job", "1 metadata ObjectMeta; 2 spec JobSpec; 3 status JobStatus");
        b.Message("JobSpec",
            "1 parallelism i32!; 2 completions i32!; 3 activeDeadlineSeconds i64!; 4 selector LabelSelector; " +
            "5 manualSelector b!; 6 template PodTemplateSpec; 7 backoffLimit i32!; 8 ttlSecondsAfterFinished i32!; " +
            "9 completionMode s!; 10 suspend b!; 11 podFailurePolicy PodFailurePolicy; 12 backoffLimitPerIndex i32!; " +
            "13 maxFailedIndexes i32!; 14 podReplacementPolicy s!; 15 managedBy s!; 16 successPolicy SuccessPolicy");
        b.Message("PodFailurePolicy", "1 rules []PodFailurePolicyRule");
        b.Message("PodFailurePolicyRule",
            "1 action s!; 2 onExitCodes PodFailurePolicyOnExitCodesRequirement; " +
            "3 onPodConditions []PodFailurePolicyOnPodConditionsPattern");
        b.Message("PodFailurePolicyOnExitCodesRequirement", "1 containerName s!; 2 operator s!; 3 values []i32");
        b.Message("PodFailurePolicyOnPodConditionsPattern", "1 type s!; 2 status s!");
        b.Message("SuccessPolicy", "1 rules []SuccessPolicyRule");
        b.Message("SuccessPolicyRule", "1 succeededIndexes s!; 2 succeededCount i32!");
        b.Message("JobStatus",
            "1 conditions []JobCondition; 2 startTime t; 3 completionTime t; 4 active i32; 5 succeeded i32; " +
            "6 failed i32; 7 completedIndexes s; 8 uncountedTerminatedPods UncountedTerminatedPods; 9 ready i32!; " +
            "10 failedIndexes s!; 11 terminating i32!");
        b.Message("UncountedTerminatedPods", "1 succeeded []s; 2 failed []s");
        b.Message("JobCondition",
            "1 type s!; 2 status s!; 3 lastProbeTime t; 4 lastTransitionTime t; 5 reason s; 6 message s");
        b.Message("CronJob", "1 metadata ObjectMeta; 2 spec CronJobSpec; 3 status CronJobStatus");
        b.Message("CronJobSpec",
            "1 schedule s!; 2 startingDeadlineSeconds i64!; 3 concurrencyPolicy s; 4 suspend b!; " +
            "5 jobTemplate JobTemplateSpec; 6 successfulJobsHistoryLimit i32!; 7 failedJobsHistoryLimit i32!; 8 timeZone s!");
        b.Message("JobTemplateSpec", "1 metadata ObjectMeta; 2 spec JobSpec");
        b.Message("CronJobStatus", "1 active []ObjectReference; 4 lastScheduleTime t; 5 lastSuccessfulTime t");

        b.Message("PodDisruptionBudget",
            "1 metadata ObjectMeta; 2 spec PodDisruptionBudgetSpec; 3 status PodDisruptionBudgetStatus");
        b.Message("PodDisruptionBudgetSpec",
            "1 minAvailable ios; 2 selector LabelSelector; 3 maxUnavailable ios; 4 unhealthyPodEvictionPolicy s!");
        b.Message("PodDisruptionBudgetStatus",
            "1 observedGeneration i64; 2 disruptedPods map<t>; 3 disruptionsAllowed i32!; 4 currentHealthy i32!; " +
            "5 desiredHealthy i32!; 6 expectedPods i32!; 7 conditions []Condition");

        b.Message("Scale", "1 metadata ObjectMeta; 2 spec ScaleSpec; 3 status ScaleStatus");
        b.Message("ScaleSpec", "1 replicas i32");
        b.Message("ScaleStatus", "1 replicas i32!; 2 selector s");

        b.Message("PriorityClass",
            "1 metadata ObjectMeta; 2 value i32!; 3 globalDefault b; 4 description s; 5 preemptionPolicy s!");

        b.Kind("apps/v1", "Deployment");
        b.Kind("batch/v1", "Job");
        b.Kind("batch/v1", "CronJob");
        b.Kind("policy/v1", "PodDisruptionBudget");
        b.Kind("autoscaling/v1", "Scale");
        b.Kind("scheduling.k8s.io/v1", "PriorityClass");
    }
}

namespace EdgeOrch.ApiServer.Protobuf;

/// <summary>
/// apimachinery meta/v1 messages (field numbers from its generated.proto). Time, MicroTime, Duration, FieldsV1,
/// IntOrString and Quantity are value kinds of their own (see <see cref="SpecialMessages"/>), not tables.
/// </summary>
internal static class MetaSchema
{
    public static void Register(SchemaBuilder b)
    {
        b.Message("ObjectMeta",
            "1 name s; 2 generateName s; 3 namespace s; 4 selfLink s; 5 uid s; 6 resourceVersion s; 7 generation i64; " +
            "8 creationTimestamp t; 9 deletionTimestamp t; 10 deletionGracePeriodSeconds i64!; 11 labels map<s>; " +
            "12 annotations map<s>; 13 ownerReferences []OwnerReference; 14 finalizers []s; 17 managedFields []ManagedFieldsEntry");
        b.Message("OwnerReference",
            "5 apiVersion s!; 1 kind s!; 3 name s!; 4 uid s!; 6 controller b!; 7 blockOwnerDeletion b!");
        b.Message("ManagedFieldsEntry",
            "1 manager s; 2 operation s; 3 apiVersion s; 4 time t; 6 fieldsType s; 7 fieldsV1 fv1; 8 subresource s");
        b.Message("LabelSelector", "1 matchLabels map<s>; 2 matchExpressions []LabelSelectorRequirement");
        b.Message("LabelSelectorRequirement", "1 key s!; 2 operator s!; 3 values []s");
        b.Message("Condition",
            "1 type s!; 2 status s!; 3 observedGeneration i64; 4 lastTransitionTime t; 5 reason s!; 6 message s!");
        b.Message("DeleteOptions",
            "1 gracePeriodSeconds i64!; 2 preconditions Preconditions; 3 orphanDependents b!; 4 propagationPolicy s!; " +
            "5 dryRun []s; 6 ignoreStoreReadErrorWithClusterBreakingPotential b!");
        b.Message("Preconditions", "1 uid s!; 2 resourceVersion s!");

        // DeleteOptions is registered in every group version, so any apiVersion may carry it.
        b.Kind(ProtoSchemaSet.AnyVersion, "DeleteOptions");
    }
}

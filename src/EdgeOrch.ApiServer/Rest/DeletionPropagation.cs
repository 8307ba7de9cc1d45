using EdgeOrch.Api.Resources;
using EdgeOrch.Api.Validation;
using EdgeOrch.ApiServer.Http;

namespace EdgeOrch.ApiServer.Rest;

/// <summary>
/// How a delete treats the object's dependents, as Kubernetes' generic registry decides it: Foreground and Orphan leave the
/// object in place with the "foregroundDeletion" or "orphan" finalizer for the garbage collector to act on; Background removes
/// both and lets the object go at once (the collector deletes dependents afterwards).
/// </summary>
public static class DeletionPropagation
{
    public const string Foreground = "Foreground";
    public const string Background = "Background";
    public const string Orphan = "Orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";
    public const string OrphanFinalizer = "orphan";

    private static readonly string[] Policies = [Foreground, Background, Orphan];

    /// <summary>422 for a policy Kubernetes does not know, or both the old and the new way of asking.</summary>
    public static void Validate(DeleteOptions options)
    {
        var errors = new List<FieldError>();
        if (options.OrphanDependents is not null && options.PropagationPolicy is not null)
            errors.Add(FieldError.Invalid("propagationPolicy", options.PropagationPolicy, "orphanDependents and deletionPropagation cannot be both set"));
        if (options.PropagationPolicy is { } p && Array.IndexOf(Policies, p) < 0)
            errors.Add(FieldError.NotSupported("propagationPolicy", p, Policies));
        if (errors.Count > 0)
            throw ApiException.Invalid("DeleteOptions", "meta.k8s.io", "", errors);
    }

    /// <summary>The object's finalizers after the delete request: the GC finalizers added or removed per the policy.</summary>
    public static List<string> Finalizers(ResourceType type, IReadOnlyList<string> current, DeleteOptions options)
    {
        var result = current.ToList();
        // Namespaces are emptied by the namespace finalizer, with their own "kubernetes" finalizer.
        if (type is { Group: "", Plural: "namespaces" })
            return result;
        switch (Resolve(type, current, options))
        {
            case Orphan:
                result.Remove(ForegroundFinalizer);
                if (!result.Contains(OrphanFinalizer))
                    result.Add(OrphanFinalizer);
                break;
            case Foreground:
                result.Remove(OrphanFinalizer);
                if (!result.Contains(ForegroundFinalizer))
                    result.Add(ForegroundFinalizer);
                break;
            default:
                result.Remove(OrphanFinalizer);
                result.Remove(ForegroundFinalizer);
                break;
        }
        return result;
    }

    /// <summary>The policy in force: the request's, else the one a finalizer already asks for, else the kind's default.</summary>
    public static string Resolve(ResourceType type, IReadOnlyList<string> finalizers, DeleteOptions options)
    {
        if (options.OrphanDependents is { } orphan)
            return orphan ? Orphan : Background;
        if (options.PropagationPolicy is { } policy)
            return policy;
        if (finalizers.Contains(OrphanFinalizer))
            return Orphan;
        if (finalizers.Contains(ForegroundFinalizer))
            return Foreground;
        return DefaultPolicy(type);
    }

    /// <summary>Background for every kind, except core/v1 ReplicationControllers, which orphan by default for backward
    /// compatibility (the other legacy Orphan defaults were the extensions/v1beta1 and apps/v1beta1-2 versions EdgeOrch does not serve).</summary>
    public static string DefaultPolicy(ResourceType type) =>
        type is { Group: "", Version: "v1", Plural: "replicationcontrollers" } ? Orphan : Background;
}

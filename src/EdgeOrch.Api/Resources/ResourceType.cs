namespace EdgeOrch.Api.Resources;

/// <summary>
/// One kind the API serves: where it lives (group/version/plural), how kubectl names it, and which subresources it has.
/// Built-in kinds come from <see cref="BuiltinResources"/>; custom resources are added when their CRD is stored.
/// </summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    string[] ShortNames,
    bool HasStatus = false,
    bool HasScale = false,
    string[]? Categories = null,
    string? Singular = null)
{
    /// <summary>"apps/v1", or "v1" for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    public string SingularName => Singular ?? Kind.ToLowerInvariant();

    /// <summary>"deployments.apps", or "pods" for the core group: the name Kubernetes stores and authorizes by.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>True for kinds defined by a CustomResourceDefinition: unknown fields are kept and no built-in schema applies.</summary>
    public bool IsCustom { get; init; }

    /// <summary>For custom resources: the openAPIV3Schema of this version, when the CRD gives one.</summary>
    public System.Text.Json.Nodes.JsonObject? Schema { get; init; }

    /// <summary>For custom resources: additionalPrinterColumns of this version, when the CRD gives them.</summary>
    public System.Text.Json.Nodes.JsonArray? PrinterColumns { get; init; }

    /// <summary>The verbs kubectl sees in discovery.</summary>
    public static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>The store key prefix for this resource, e.g. "/registry/apps/deployments/"; namespaced items follow as "ns/name".</summary>
    public string KeyPrefix => $"/registry/{(Group.Length == 0 ? "core" : Group)}/{Plural}/";

    public string Key(string? ns, string name) =>
        Namespaced ? $"{KeyPrefix}{ns}/{name}" : $"{KeyPrefix}{name}";

    public string NamespacePrefix(string? ns) =>
        Namespaced && !string.IsNullOrEmpty(ns) ? $"{KeyPrefix}{ns}/" : KeyPrefix;
}

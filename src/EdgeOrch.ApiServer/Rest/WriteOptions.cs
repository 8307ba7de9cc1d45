namespace EdgeOrch.ApiServer.Rest;

public enum FieldValidation
{
    Ignore,
    Warn,
    Strict,
}

/// <summary>The query parameters that shape a write: ?fieldManager=, ?dryRun=All, ?fieldValidation=, ?force=.</summary>
public sealed record WriteOptions(string FieldManager, bool DryRun, FieldValidation FieldValidation, bool Force = false)
{
    public static readonly WriteOptions Internal = new("edgeorch", false, FieldValidation.Ignore);

    /// <summary>Server-side apply records its own managedFields entry (operation Apply); other writes record an Update.</summary>
    public bool IsApply { get; init; }

    /// <summary>Warnings to return in the Warning header (fieldValidation=Warn).</summary>
    public List<string> Warnings { get; } = [];
}

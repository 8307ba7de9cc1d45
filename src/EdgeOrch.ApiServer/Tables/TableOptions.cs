namespace EdgeOrch.ApiServer.Tables;

/// <summary>
/// How a Table answer is shaped: what each row carries as its object, the clock AGE is measured against,
/// and the list metadata the Table repeats from the list it stands for.
/// </summary>
public sealed record TableOptions
{
    public const string IncludeNone = "None";
    public const string IncludeMetadata = "Metadata";
    public const string IncludeObject = "Object";

    /// <summary>"None", "Metadata" (the default, what kubectl asks for) or "Object"; the ?includeObject= query parameter.</summary>
    public string IncludeObjectPolicy { get; init; } = IncludeMetadata;

    /// <summary>The instant ages and durations are measured to; the server passes its clock so tests can pin it.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    public string? ResourceVersion { get; init; }

    public string? Continue { get; init; }

    public long? RemainingItemCount { get; init; }

    /// <summary>"v1" or "v1beta1": the meta.k8s.io version the client negotiated (see <see cref="TableBuilder.NegotiateTableVersion"/>).</summary>
    public string TableVersion { get; init; } = "v1";

    /// <summary>?noHeaders=true (sent on watches after the first event): leave columnDefinitions empty.</summary>
    public bool NoHeaders { get; init; }

    /// <summary>True for the three values Kubernetes accepts; the server answers 400 for anything else.</summary>
    public static bool IsValidIncludeObject(string? value) =>
        value is IncludeNone or IncludeMetadata or IncludeObject;
}

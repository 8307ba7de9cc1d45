using EdgeOrch.ApiServer.Selectors;

namespace EdgeOrch.ApiServer.Rest;

/// <summary>The query parameters of a list or watch.</summary>
public sealed record ListOptions(
    LabelSelector Labels,
    FieldSelector Fields,
    string? ResourceVersion,
    string? ResourceVersionMatch,
    int Limit,
    string? Continue)
{
    public static readonly ListOptions All = new(LabelSelector.Everything, FieldSelector.Everything, null, null, 0, null);
}

/// <summary>One page of a list, at one revision.</summary>
public sealed record ListPage(List<System.Text.Json.Nodes.JsonObject> Items, long Revision, string? Continue, long? RemainingItemCount);

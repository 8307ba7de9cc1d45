using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>The outcome of a server-side apply: the object to store (with managedFields), or null and the conflicts
/// that stopped it (answer 409 with <see cref="ServerSideApply.FormatConflicts"/>).</summary>
public sealed record ApplyResult(JsonObject? Object, IReadOnlyList<ApplyConflict> Conflicts)
{
    public bool Succeeded => Object is not null;
}

using System.Text.Json.Nodes;
using EdgeOrch.Api.Client;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Resources;
using EdgeOrch.Controllers.Runtime;

namespace EdgeOrch.Controllers.Workloads;

/// <summary>
/// apps/v1 ControllerRevisions for StatefulSets and DaemonSets: one object per distinct pod template, named
/// "&lt;owner&gt;-&lt;hash&gt;", holding the template as a replace-patch ({"spec":{"template":{...,"$patch":"replace"}}}) and an
/// increasing revision number. `kubectl rollout history/undo` read these.
/// </summary>
internal static class Revisions
{
    public const string HashLabel = "controller-revision-hash";

    /// <summary>The revision data for a template, exactly the shape Kubernetes stores.</summary>
    public static JsonObject DataFor(JsonObject template)
    {
        var copy = (JsonObject)template.DeepClone();
        copy["$patch"] = "replace";
        return new JsonObject { ["spec"] = new JsonObject { ["template"] = copy } };
    }

    /// <summary>The pod template a revision holds.</summary>
    public static JsonObject TemplateOf(JsonObject revision)
    {
        var template = revision.Obj("data").Obj("spec").Obj("template")?.DeepClone() as JsonObject ?? [];
        template.Remove("$patch");
        return template;
    }

    public static long Number(JsonObject revision) => revision.Int("revision") ?? 0;

    public static bool SameData(JsonObject revision, JsonObject data) =>
        RevisionHash.Canonical(revision["data"]) == RevisionHash.Canonical(data);

    /// <summary>
    /// Finds the revision holding <paramref name="data"/>, or creates it (bumping collisionCount when the hashed name is taken by
    /// different data). An existing older revision that becomes current again (a rollback) gets the next revision number.
    /// </summary>
    public static async Task<(JsonObject Revision, long CollisionCount)> EnsureAsync(ControllerContext context, ResourceType ownerType,
        JsonObject owner, IReadOnlyList<JsonObject> existing, JsonObject data, long collisionCount, CancellationToken cancellationToken)
    {
        var type = context.Type("apps", "v1", "controllerrevisions");
        var max = existing.Count == 0 ? 0 : existing.Max(Number);
        var match = existing.Where(r => SameData(r, data)).OrderByDescending(Number).FirstOrDefault();
        if (match is not null)
        {
            if (Number(match) == max)
                return (match, collisionCount);
            var bumped = (JsonObject)match.DeepClone();
            bumped["revision"] = Objects.Number(max + 1);
            return (await context.Client.UpdateAsync(type, bumped, cancellationToken), collisionCount);
        }

        var ns = Objects.Namespace(owner);
        var templateLabels = data.Obj("spec").Obj("template").Obj("metadata").Obj("labels");
        for (var attempt = 0; attempt < 10; attempt++, collisionCount++)
        {
            var hash = RevisionHash.Compute(data, collisionCount == 0 ? null : collisionCount);
            var labels = Objects.CopyMap(templateLabels);
            labels[HashLabel] = hash;
            var revision = new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "ControllerRevision",
                ["metadata"] = new JsonObject
                {
                    ["name"] = $"{Objects.Name(owner)}-{hash}",
                    ["namespace"] = ns,
                    ["labels"] = labels,
                    ["ownerReferences"] = new JsonArray(Objects.ControllerRef(owner, ownerType)),
                },
                ["data"] = data.DeepClone(),
                ["revision"] = Objects.Number(max + 1),
            };
            try
            {
                return (await context.Client.CreateAsync(type, revision, cancellationToken), collisionCount);
            }
            catch (ApiClientException e) when (e.IsAlreadyExists)
            {
                var taken = await context.Client.GetAsync(type, ns, $"{Objects.Name(owner)}-{hash}", cancellationToken);
                if (taken is not null && Objects.IsControlledBy(taken, Objects.Uid(owner)) && SameData(taken, data))
                    return (taken, collisionCount);
            }
        }
        throw new InvalidOperationException($"could not create a ControllerRevision for {Objects.Key(owner)}: hash collisions");
    }

    /// <summary>Deletes the oldest revisions not in use beyond <paramref name="limit"/> (spec.revisionHistoryLimit).</summary>
    public static async Task TruncateAsync(ControllerContext context, IEnumerable<JsonObject> revisions, ISet<string> live, long limit,
        CancellationToken cancellationToken)
    {
        var type = context.Type("apps", "v1", "controllerrevisions");
        var history = revisions.Where(r => !live.Contains(Objects.Name(r))).OrderBy(Number).ToList();
        for (var i = 0; i < history.Count - limit; i++)
            await context.Client.DeleteAsync(type, Objects.Namespace(history[i]), Objects.Name(history[i]),
                cancellationToken: cancellationToken);
    }
}

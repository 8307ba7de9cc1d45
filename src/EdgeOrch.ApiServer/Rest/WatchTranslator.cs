using System.Text.Json.Nodes;
using EdgeOrch.ApiServer.Storage;
using EdgeOrch.Store;

namespace EdgeOrch.ApiServer.Rest;

/// <summary>
/// Turns a store change into the watch event a client with these selectors sees: an object that stops matching is
/// DELETED, one that starts matching is ADDED, one outside the selectors before and after is not reported. Shared by
/// the HTTP watch and the in-process client.
/// </summary>
public static class WatchTranslator
{
    /// <summary>The event type and object, or (null, null) when the client should not see this change.</summary>
    public static (string? Type, JsonObject? Object) Translate(WatchEvent e, ListOptions options)
    {
        var obj = ObjectStorage.Decode(e.Entry);
        var matchesNow = ObjectLister.Matches(obj, options);
        if (e.Type == WatchEventType.Delete)
            return matchesNow ? ("DELETED", obj) : (null, null);
        if (e.IsCreate)
            return matchesNow ? ("ADDED", obj) : (null, null);
        var selective = !options.Labels.IsEmpty || !options.Fields.IsEmpty;
        var matchedBefore = !selective || (e.Previous is { } prev && ObjectLister.Matches(ObjectStorage.Decode(prev), options));
        return (matchedBefore, matchesNow) switch
        {
            (true, true) => ("MODIFIED", obj),
            (false, true) => ("ADDED", obj),
            (true, false) => ("DELETED", obj),
            _ => (null, null),
        };
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>
/// Server-side printing: turns objects into the meta.k8s.io Table kubectl asks for with
/// "Accept: application/json;as=Table;v=v1;g=meta.k8s.io,...", so `kubectl get` shows the columns Kubernetes shows.
/// A list and a single object (kubectl get NAME) both become one Table, with one row per object.
/// </summary>
public static class TableBuilder
{
    public static JsonObject Build(ResourceType type, IReadOnlyList<JsonObject> items, TableOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(options);

        var printer = PrinterRegistry.For(type);
        var metaApiVersion = "meta.k8s.io/" + options.TableVersion;

        var metadata = new JsonObject { ["resourceVersion"] = options.ResourceVersion ?? "" };
        if (!string.IsNullOrEmpty(options.Continue))
        {
            metadata["continue"] = options.Continue;
        }
        if (options.RemainingItemCount is { } remaining)
        {
            metadata["remainingItemCount"] = remaining;
        }

        var columns = new JsonArray();
        if (!options.NoHeaders)
        {
            foreach (var column in printer.Columns)
            {
                columns.Add((JsonNode)column.ToJson());
            }
        }

        var rows = new JsonArray();
        foreach (var item in items)
        {
            rows.Add((JsonNode)Row(printer, item, options, metaApiVersion));
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = metaApiVersion,
            ["metadata"] = metadata,
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        };
    }

    /// <summary>The Table for a single object (kubectl get KIND NAME): one row, the object's resourceVersion by default.</summary>
    public static JsonObject BuildSingle(ResourceType type, JsonObject item, TableOptions options)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ResourceVersion is null)
        {
            options = options with { ResourceVersion = Fields.Str(item, "metadata", "resourceVersion") };
        }
        return Build(type, [item], options);
    }

    /// <summary>The Content-Type of a Table response, as the API server labels it.</summary>
    public static string ContentType(string tableVersion = "v1") => $"application/json;as=Table;v={tableVersion};g=meta.k8s.io";

    /// <summary>True when the Accept header's preferred servable media type is a meta.k8s.io Table.</summary>
    public static bool WantsTable(string? accept) => NegotiateTableVersion(accept) is not null;

    /// <summary>
    /// "v1" or "v1beta1" when the client's most preferred media type we can serve is a JSON Table of that version;
    /// null when it prefers a plain object (or sends no Accept). Ranges are taken by q-value, then in the order sent.
    /// </summary>
    public static string? NegotiateTableVersion(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return null;
        }
        var ranges = accept.Split(',')
            .Select((text, index) => (Range: MediaRange.Parse(text), Index: index))
            .Where(r => r.Range.Quality > 0)
            .OrderByDescending(r => r.Range.Quality)
            .ThenBy(r => r.Index);
        foreach (var (range, _) in ranges)
        {
            if (range.Parameters.TryGetValue("as", out var asKind))
            {
                if (asKind == "Table"
                    && range.IsJson
                    && range.Parameters.GetValueOrDefault("g") == "meta.k8s.io"
                    && range.Parameters.GetValueOrDefault("v") is "v1" or "v1beta1")
                {
                    return range.Parameters["v"];
                }
                continue; // a transformation we do not serve (protobuf tables, partial metadata)
            }
            if (range.IsJson || range.Type is "*/*" or "application/*" or "application/yaml" or "application/vnd.kubernetes.protobuf")
            {
                return null; // the client prefers the plain object
            }
        }
        return null;
    }

    private static JsonObject Row(Printer printer, JsonObject item, TableOptions options, string metaApiVersion)
    {
        var row = new JsonObject { ["cells"] = new JsonArray(printer.Cells(item, options.Now)) };
        if (printer.Conditions(item) is { } conditions)
        {
            row["conditions"] = conditions;
        }
        switch (options.IncludeObjectPolicy)
        {
            case TableOptions.IncludeNone:
                break;
            case TableOptions.IncludeObject:
                row["object"] = item.DeepClone();
                break;
            default:
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = metaApiVersion,
                    ["metadata"] = Fields.Obj(item, "metadata")?.DeepClone() ?? new JsonObject(),
                };
                break;
        }
        return row;
    }

    private readonly record struct MediaRange(string Type, double Quality, Dictionary<string, string> Parameters)
    {
        public bool IsJson => Type == "application/json";

        public static MediaRange Parse(string text)
        {
            var parts = text.Split(';');
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var quality = 1.0;
            foreach (var part in parts.Skip(1))
            {
                var eq = part.IndexOf('=');
                if (eq <= 0)
                {
                    continue;
                }
                var key = part[..eq].Trim();
                var value = part[(eq + 1)..].Trim().Trim('"');
                if (key.Equals("q", StringComparison.OrdinalIgnoreCase))
                {
                    quality = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : 0;
                }
                else
                {
                    parameters[key] = value;
                }
            }
            return new MediaRange(parts[0].Trim().ToLowerInvariant(), quality, parameters);
        }
    }
}

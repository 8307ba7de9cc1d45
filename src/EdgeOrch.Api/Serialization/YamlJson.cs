using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EdgeOrch.Api.Serialization;

/// <summary>
/// YAML to JSON conversion with Kubernetes (sigs.k8s.io/yaml) semantics, built on YamlDotNet's event parser so it stays
/// NativeAOT-safe: no reflection, no object mapping. Anchors, aliases and "&lt;&lt;" merge keys are supported.
/// </summary>
public static class YamlJson
{
    /// <summary>The first document of <paramref name="yaml"/>, or null when there is none or it is empty.</summary>
    public static JsonNode? Parse(string yaml)
    {
        var docs = Read(yaml, firstOnly: true);
        return docs.Count == 0 ? null : docs[0];
    }

    /// <summary>Every document of a multi-document stream, in order; an empty document ("---" alone) yields null.</summary>
    public static IReadOnlyList<JsonNode?> ParseAll(string yaml) => Read(yaml, firstOnly: false);

    private static List<JsonNode?> Read(string yaml, bool firstOnly)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var result = new List<JsonNode?>();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                JsonNode? doc = ReadNode(parser, anchors);
                parser.Consume<DocumentEnd>();
                // Re-read through the JSON parser so numbers behave exactly like those of a JSON request body
                // (a JsonValue<long> would refuse GetValue<int>()).
                result.Add(doc is null ? null : JsonNode.Parse(doc.ToJsonString()));
                if (firstOnly) break;
            }
        }
        catch (YamlException e)
        {
            // YamlDotNet marks are 1-based already.
            string inner = e.InnerException is { } ie && e.Message.Contains("See inner", StringComparison.Ordinal) ? ie.Message : e.Message;
            throw new YamlJsonException(
                string.Create(CultureInfo.InvariantCulture, $"yaml: line {e.Start.Line}, column {e.Start.Column}: {StripMark(inner)}"),
                e.Start.Line, e.Start.Column, e);
        }

        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this for a few truncated flow collections; report where parsing stopped.
            Mark at = parser.Current?.End ?? Mark.Empty;
            throw new YamlJsonException(
                string.Create(CultureInfo.InvariantCulture, $"yaml: line {at.Line}, column {at.Column}: malformed YAML near here"),
                at.Line, at.Column, e);
        }

        return result;
    }

    // YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 3) - (...): "; we report the position ourselves.
    private static string StripMark(string message)
    {
        int i = message.LastIndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && i > 0 ? message[(i + 3)..] : message;
    }

    private static JsonNode? ReadNode(IParser parser, Dictionary<string, JsonNode?> anchors)
    {
        ParsingEvent ev = parser.Current ?? throw new YamlJsonException("yaml: unexpected end of input");
        switch (ev)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                if (!anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw Error(alias.Start, $"unknown anchor '{alias.Value.Value}' referenced");
                }
                return target?.DeepClone();

            case Scalar scalar:
            {
                parser.MoveNext();
                string? tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
                JsonNode? value;
                try
                {
                    value = YamlScalarResolver.Resolve(scalar.Value, tag, scalar.Style == ScalarStyle.Plain);
                }
                catch (YamlJsonException e)
                {
                    throw Error(scalar.Start, e.Message);
                }
                Remember(scalar.Anchor, value, anchors);
                return value;
            }

            case SequenceStart seq:
            {
                parser.MoveNext();
                var array = new JsonArray();
                Remember(seq.Anchor, array, anchors);
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(ReadNode(parser, anchors));
                }
                return array;
            }

            case MappingStart map:
            {
                parser.MoveNext();
                var obj = new JsonObject();
                Remember(map.Anchor, obj, anchors);
                ReadMappingBody(parser, anchors, obj);
                return obj;
            }

            default:
                throw Error(ev.Start, $"unexpected {ev.GetType().Name}");
        }
    }

    private static void ReadMappingBody(IParser parser, Dictionary<string, JsonNode?> anchors, JsonObject obj)
    {
        // Explicit keys win over merged ones regardless of order, as in go-yaml.
        var explicitKeys = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            ParsingEvent keyEvent = parser.Current!;
            if (keyEvent is Scalar { Style: ScalarStyle.Plain, Value: "<<" } mergeScalar && mergeScalar.Tag.IsEmpty)
            {
                parser.MoveNext();
                JsonNode? merged = ReadNode(parser, anchors);
                Merge(obj, merged, explicitKeys, keyEvent.Start);
                continue;
            }

            string key = ReadKey(parser, anchors, keyEvent.Start);
            JsonNode? value = ReadNode(parser, anchors);
            obj[key] = value; // duplicate keys: the last one wins, like a non-strict Kubernetes decode
            explicitKeys.Add(key);
        }
    }

    private static void Merge(JsonObject obj, JsonNode? merged, HashSet<string> explicitKeys, Mark at)
    {
        IEnumerable<JsonNode?> sources = merged switch
        {
            JsonObject o => new JsonNode?[] { o },
            JsonArray a => a,
            _ => throw Error(at, "map merge requires map or sequence of maps as the value"),
        };
        foreach (var source in sources)
        {
            if (source is not JsonObject src) throw Error(at, "map merge requires map or sequence of maps as the value");
            foreach (var (k, v) in src)
            {
                // Earlier merge sources win over later ones; explicit keys win over all.
                if (!explicitKeys.Contains(k) && !obj.ContainsKey(k)) obj[k] = v?.DeepClone();
            }
        }
    }

    /// <summary>JSON object keys must be strings; sigs.k8s.io/yaml prints typed keys (true, 1, null) as text.</summary>
    private static string ReadKey(IParser parser, Dictionary<string, JsonNode?> anchors, Mark at)
    {
        JsonNode? key = ReadNode(parser, anchors);
        return key switch
        {
            null => "null",
            JsonValue v when v.TryGetValue(out string? s) => s,
            JsonValue v when v.TryGetValue(out bool b) => b ? "true" : "false",
            JsonValue v when v.TryGetValue(out double d) => d.ToString("R", CultureInfo.InvariantCulture),
            JsonValue v => v.ToJsonString(),
            _ => throw Error(at, "mapping keys must be scalars to convert to JSON"),
        };
    }

    private static void Remember(AnchorName anchor, JsonNode? value, Dictionary<string, JsonNode?> anchors)
    {
        if (!anchor.IsEmpty) anchors[anchor.Value] = value;
    }

    private static YamlJsonException Error(Mark at, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"yaml: line {at.Line}, column {at.Column}: {message}"), at.Line, at.Column);
}

using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace EdgeOrch.Tools.GenOpenApi;

/// <summary>
/// Turns model types into OpenAPI 3.0 schemas by reflection: JSON names from [JsonPropertyName], types from the CLR
/// property types, references between types as $ref. Descriptions are generated here, never copied from upstream.
/// </summary>
internal sealed class SchemaWriter(ModelCatalog catalog)
{
    private readonly SortedDictionary<string, JsonObject> _schemas = new(StringComparer.Ordinal);
    private readonly Queue<(Type Type, string Group)> _pending = new();

    public SortedDictionary<string, JsonObject> Schemas => _schemas;

    /// <summary>Adds a kind (and, transitively, every type it uses) with its group-version-kind extension.</summary>
    public void AddRoot(Type t, string group)
    {
        Reference(t, group);
        Drain();
    }

    private string Reference(Type t, string group)
    {
        var name = catalog.NameOf(t, group);
        if (!_schemas.ContainsKey(name))
        {
            _schemas[name] = new JsonObject(); // placeholder: stops recursion on cycles (JSONSchemaProps)
            _pending.Enqueue((t, group));
        }
        return name;
    }

    private void Drain()
    {
        while (_pending.TryDequeue(out var item))
        {
            var name = catalog.NameOf(item.Type, item.Group);
            _schemas[name] = Describe(item.Type, item.Group);
        }
    }

    private JsonObject Describe(Type t, string group)
    {
        var (_, bare) = ModelCatalog.SplitClrName(t.Name);
        var entity = ModelCatalog.EntityOf(t);
        var schema = new JsonObject { ["type"] = "object" };
        var props = new JsonObject();
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => JsonName(p), StringComparer.Ordinal))
        {
            var json = JsonName(p);
            if (json is null)
                continue;
            var prop = PropertySchema(p.PropertyType, group);
            AddDerivedDescription(prop, json, entity);
            if (FieldFacts.Lists.TryGetValue($"{bare}.{json}", out var list))
            {
                if (list.MergeKey is not null)
                    prop["x-kubernetes-patch-merge-key"] = list.MergeKey;
                prop["x-kubernetes-patch-strategy"] = list.Strategy;
                prop["x-kubernetes-list-type"] = list.ListType;
                if (list.MapKeys.Length > 0)
                    prop["x-kubernetes-list-map-keys"] = new JsonArray([.. list.MapKeys.Select(k => (JsonNode)k)]);
            }
            props[json] = prop;
        }
        if (props.Count > 0)
            schema["properties"] = props;
        if (FieldFacts.Required.TryGetValue(bare, out var required) && required.Length > 0)
            schema["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]);
        if (entity is not null)
        {
            var gv = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
            schema["description"] = $"{entity.Kind} ({gv}): an object of the Kubernetes API as EdgeOrch serves it.";
            schema["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject
            {
                ["group"] = entity.Group ?? "",
                ["kind"] = entity.Kind,
                ["version"] = entity.ApiVersion,
            });
        }
        else
        {
            // "io.k8s.api.core.v1.Container" -> "core/v1"; "...apis.meta.v1.ObjectMeta" -> "meta/v1".
            var segments = catalog.NameOf(t, group).Split('.');
            schema["description"] = $"{bare}: a part of {segments[^3]}/{segments[^2]} objects.";
        }
        return schema;
    }

    // Short descriptions in our own words for the fields every object has; other fields stay without prose.
    private static void AddDerivedDescription(JsonObject prop, string json, KubernetesEntityAttribute? entity)
    {
        if (entity is null)
            return;
        var text = json switch
        {
            "apiVersion" => "The group/version of this object's schema.",
            "kind" => "The kind of this object, in CamelCase.",
            "metadata" => "Standard object metadata: name, namespace, labels, annotations, owners.",
            "spec" => $"The desired state of the {entity.Kind}.",
            "status" => $"The observed state of the {entity.Kind}, written by the system.",
            "items" => "The objects of this list.",
            _ => null,
        };
        if (text is null)
            return;
        if (prop.ContainsKey("$ref"))
        {
            // OpenAPI 3.0 ignores siblings of $ref; allOf keeps the description visible to kubectl explain.
            var target = prop["$ref"]!.GetValue<string>();
            prop.Remove("$ref");
            prop["allOf"] = new JsonArray(new JsonObject { ["$ref"] = target });
        }
        prop["description"] = text;
    }

    private JsonObject PropertySchema(Type type, string group)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
            return new JsonObject { ["type"] = "string" };
        if (t == typeof(bool))
            return new JsonObject { ["type"] = "boolean" };
        if (t == typeof(int))
            return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        if (t == typeof(long))
            return new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        if (t == typeof(double) || t == typeof(float))
            return new JsonObject { ["type"] = "number", ["format"] = "double" };
        if (t == typeof(byte[]))
            return new JsonObject { ["type"] = "string", ["format"] = "byte" };
        if (t == typeof(DateTime) || t == typeof(DateTimeOffset))
            return Ref(ModelCatalog.TimeName);
        if (t == typeof(IntOrString))
            return Ref(ModelCatalog.IntOrStringName);
        if (t == typeof(ResourceQuantity))
            return Ref(ModelCatalog.QuantityName);
        if (t == typeof(object) || t.Name.StartsWith("JsonElement", StringComparison.Ordinal))
            return new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        if (t.IsGenericType)
        {
            var def = t.GetGenericTypeDefinition();
            var args = t.GetGenericArguments();
            if (def == typeof(IDictionary<,>) || def == typeof(Dictionary<,>))
                return new JsonObject { ["type"] = "object", ["additionalProperties"] = PropertySchema(args[1], group) };
            if (def == typeof(IList<>) || def == typeof(List<>) || def == typeof(IEnumerable<>) || def == typeof(IReadOnlyList<>))
                return new JsonObject { ["type"] = "array", ["items"] = PropertySchema(args[0], group) };
        }
        if (t.Namespace == "k8s.Models" && t.IsClass)
            return Ref(Reference(t, group));
        throw new InvalidOperationException($"No schema mapping for CLR type {t.FullName}");
    }

    private static JsonObject Ref(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    private static string? JsonName(PropertyInfo p) => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;

    /// <summary>Adds the scalar types the references above point to.</summary>
    public void AddScalars()
    {
        _schemas[ModelCatalog.TimeName] = new JsonObject
        {
            ["type"] = "string", ["format"] = "date-time", ["description"] = "Time: an RFC 3339 timestamp in UTC, to the second.",
        };
        _schemas[ModelCatalog.IntOrStringName] = new JsonObject
        {
            ["type"] = "string", ["format"] = "int-or-string", ["x-kubernetes-int-or-string"] = true,
            ["description"] = "IntOrString: an integer or a string (for example a port number or a port name).",
        };
        _schemas[ModelCatalog.QuantityName] = new JsonObject
        {
            ["type"] = "string", ["description"] = "Quantity: a number with an optional suffix (100m, 1.5, 64Mi, 2Gi).",
        };
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;

namespace EdgeOrch.Api.Validation;

/// <summary>ConfigMap and Secret: key formats, the 1 MiB size limit, type-specific keys, and immutability.</summary>
internal static class ConfigDataValidation
{
    public const int MaxSize = 1024 * 1024;

    public static void ConfigMap(JsonObject obj, List<FieldError> errs)
    {
        var size = 0L;
        var data = obj.Obj("data");
        var binary = obj.Obj("binaryData");
        foreach (var (key, value) in data ?? [])
        {
            Key("data", key, errs);
            size += Encoding.UTF8.GetByteCount(JsonFields.AsString(value) ?? "");
        }
        foreach (var (key, value) in binary ?? [])
        {
            Key("binaryData", key, errs);
            if (data?.ContainsKey(key) == true)
                errs.Add(FieldError.Invalid($"binaryData[{key}]", key, "duplicate of key present in data"));
            size += DecodedLength(JsonFields.AsString(value));
        }
        if (size > MaxSize)
            errs.Add(FieldError.TooLong("", MaxSize));
    }

    public static void Secret(JsonObject obj, List<FieldError> errs)
    {
        var size = 0L;
        var data = obj.Obj("data");
        foreach (var (key, value) in data ?? [])
        {
            Key("data", key, errs);
            var text = JsonFields.AsString(value) ?? "";
            if (!IsBase64(text))
                errs.Add(FieldError.Invalid($"data[{key}]", "<secret contents redacted>", "illegal base64 data"));
            size += DecodedLength(text);
        }
        foreach (var (key, _) in obj.Obj("stringData") ?? [])
            Key("stringData", key, errs);
        if (size > MaxSize)
            errs.Add(FieldError.TooLong("data", MaxSize));

        switch (obj.Str("type"))
        {
            case "kubernetes.io/service-account-token":
                if (string.IsNullOrEmpty(obj.Obj("metadata")?.Obj("annotations").Str("kubernetes.io/service-account.name")))
                    errs.Add(FieldError.Required("metadata.annotations[kubernetes.io/service-account.name]"));
                break;
            case "kubernetes.io/dockercfg":
                RequireKey(data, ".dockercfg", errs);
                break;
            case "kubernetes.io/dockerconfigjson":
                RequireKey(data, ".dockerconfigjson", errs);
                if (data.Str(".dockerconfigjson") is { } cfg && IsBase64(cfg) && !IsJson(Convert.FromBase64String(cfg)))
                    errs.Add(FieldError.Invalid("data[.dockerconfigjson]", "<secret contents redacted>", "invalid character in JSON"));
                break;
            case "kubernetes.io/basic-auth":
                if (data?.ContainsKey("username") != true && data?.ContainsKey("password") != true)
                    errs.Add(FieldError.Required("data[username]", "must have at least one of username or password"));
                break;
            case "kubernetes.io/ssh-auth":
                RequireKey(data, "ssh-privatekey", errs);
                break;
            case "kubernetes.io/tls":
                RequireKey(data, "tls.crt", errs);
                RequireKey(data, "tls.key", errs);
                break;
        }
    }

    /// <summary>immutable: true freezes the data; Secret types never change.</summary>
    public static void Update(JsonObject newObj, JsonObject oldObj, bool isSecret, List<FieldError> errs)
    {
        if (isSecret && (newObj.Str("type") ?? "") != (oldObj.Str("type") ?? ""))
            errs.Add(FieldError.Immutable("type", GoValues.Quote(newObj.Str("type") ?? "")));
        if (oldObj.Bool("immutable") != true)
            return;
        if (newObj.Bool("immutable") != true)
            errs.Add(FieldError.Forbidden("immutable", "field is immutable when `immutable` is set"));
        foreach (var field in isSecret ? new[] { "data" } : ["data", "binaryData"])
            if (!JsonFields.DeepEquals(Normalized(newObj.Obj(field)), Normalized(oldObj.Obj(field))))
                errs.Add(FieldError.Forbidden(field, "field is immutable when `immutable` is set"));
    }

    private static JsonObject? Normalized(JsonObject? map) => map is { Count: 0 } ? null : map;

    private static void Key(string field, string key, List<FieldError> errs)
    {
        foreach (var msg in NameValidation.IsConfigMapKey(key))
            errs.Add(FieldError.Invalid($"{field}[{key}]", key, msg));
    }

    private static void RequireKey(JsonObject? data, string key, List<FieldError> errs)
    {
        if (data?.ContainsKey(key) != true)
            errs.Add(FieldError.Required($"data[{key}]"));
    }

    private static long DecodedLength(string? base64) => base64 is null ? 0 : base64.Length / 4 * 3;

    private static bool IsBase64(string s)
    {
        var buffer = new byte[s.Length];
        return Convert.TryFromBase64String(s, buffer, out _);
    }

    private static bool IsJson(byte[] bytes)
    {
        try
        {
            using var _ = JsonDocument.Parse(bytes);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

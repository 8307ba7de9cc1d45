using System.Globalization;
using System.Text.Json.Nodes;

namespace EdgeOrch.Api.Serialization;

/// <summary>
/// Turns one YAML scalar into a JSON value the way sigs.k8s.io/yaml (go-yaml v2, YAML 1.1 rules) does, so a manifest
/// means the same here as in Kubernetes: only plain scalars are typed; quoted and block scalars are always strings.
/// </summary>
internal static class YamlScalarResolver
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    // go-yaml v2 resolves these YAML 1.1 spellings (yes/no/on/off included) to booleans.
    private static readonly HashSet<string> TrueWords = new(StringComparer.Ordinal)
        { "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" };

    private static readonly HashSet<string> FalseWords = new(StringComparer.Ordinal)
        { "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF" };

    private static readonly HashSet<string> NullWords = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };

    private static readonly HashSet<string> SpecialFloats = new(StringComparer.Ordinal)
        { ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF" };

    /// <summary>Resolves a scalar. <paramref name="tag"/> is the explicit tag or null; <paramref name="plain"/> is false for quoted/block styles.</summary>
    public static JsonNode? Resolve(string value, string? tag, bool plain)
    {
        if (tag is not null && tag != "!")
        {
            return ResolveTagged(value, tag);
        }

        if (!plain || tag == "!")
        {
            return JsonValue.Create(value);
        }

        if (NullWords.Contains(value)) return null;
        if (TrueWords.Contains(value)) return JsonValue.Create(true);
        if (FalseWords.Contains(value)) return JsonValue.Create(false);
        if (SpecialFloats.Contains(value))
        {
            throw new YamlJsonException($"the value \"{value}\" (NaN or infinity) has no JSON representation");
        }

        return TryNumber(value) ?? JsonValue.Create(value);
    }

    private static JsonNode? ResolveTagged(string value, string tag)
    {
        string shortTag = tag.StartsWith(TagPrefix, StringComparison.Ordinal) ? tag[TagPrefix.Length..] : tag;
        switch (shortTag)
        {
            case "str":
            case "binary":
            case "timestamp":
                return JsonValue.Create(value);
            case "null":
                return null;
            case "bool":
                if (TrueWords.Contains(value)) return JsonValue.Create(true);
                if (FalseWords.Contains(value)) return JsonValue.Create(false);
                throw new YamlJsonException($"cannot decode \"{value}\" as a !!bool");
            case "int":
            case "float":
                return TryNumber(value) ?? throw new YamlJsonException($"cannot decode \"{value}\" as a !!{shortTag}");
            default:
                // Unknown local tags carry no meaning for Kubernetes objects; keep the text.
                return JsonValue.Create(value);
        }
    }

    private static JsonNode? TryNumber(string value)
    {
        if (value.Length == 0) return null;
        char first = value[0];
        if (!(char.IsAsciiDigit(first) || first is '-' or '+' or '.')) return null;

        string plain = value.Replace("_", "", StringComparison.Ordinal);
        if (TryInteger(plain, out long l, out ulong u, out bool isUnsigned))
        {
            return isUnsigned ? JsonValue.Create(u) : JsonValue.Create(l);
        }

        if (LooksLikeFloat(plain) &&
            double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) &&
            double.IsFinite(d))
        {
            return JsonValue.Create(d);
        }

        return null;
    }

    /// <summary>Go's ParseInt with base 0: optional sign, then 0x/0o/0b prefixes or a leading 0 for octal.</summary>
    private static bool TryInteger(string s, out long l, out ulong u, out bool isUnsigned)
    {
        l = 0;
        u = 0;
        isUnsigned = false;
        bool negative = false;
        string digits = s;
        if (digits.StartsWith('-') || digits.StartsWith('+'))
        {
            negative = digits[0] == '-';
            digits = digits[1..];
        }

        if (digits.Length == 0) return false;
        int radix = 10;
        if (digits.Length > 1 && digits[0] == '0')
        {
            switch (digits[1])
            {
                case 'x' or 'X': radix = 16; digits = digits[2..]; break;
                case 'o' or 'O': radix = 8; digits = digits[2..]; break;
                case 'b' or 'B': radix = 2; digits = digits[2..]; break;
                default: radix = 8; digits = digits[1..]; break;
            }
        }

        if (digits.Length == 0) return false;
        ulong acc = 0;
        foreach (char c in digits)
        {
            int digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix) return false;
            ulong next = unchecked(acc * (ulong)radix + (ulong)digit);
            if (acc > (ulong.MaxValue - (ulong)digit) / (ulong)radix) return false; // overflow: go-yaml falls back to float
            acc = next;
        }

        if (negative)
        {
            if (acc > (ulong)long.MaxValue + 1) return false;
            l = acc == (ulong)long.MaxValue + 1 ? long.MinValue : -(long)acc;
            return true;
        }

        if (acc <= long.MaxValue)
        {
            l = (long)acc;
            return true;
        }

        u = acc;
        isUnsigned = true;
        return true;
    }

    /// <summary>The YAML 1.1 float shape go-yaml accepts: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</summary>
    private static bool LooksLikeFloat(string s)
    {
        int i = 0;
        if (i < s.Length && s[i] is '-' or '+') i++;
        int intDigits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; intDigits++; }
        int fracDigits = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; fracDigits++; }
            if (intDigits == 0 && fracDigits == 0) return false;
        }
        else if (intDigits == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '-' or '+') i++;
            int expDigits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; expDigits++; }
            if (expDigits == 0) return false;
        }

        return i == s.Length;
    }
}

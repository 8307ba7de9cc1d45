using System.Text;

namespace EdgeOrch.ApiServer.Patching;

/// <summary>RFC 6901 pointers: "/a/b~1c/0" is ["a", "b/c", "0"]; "" is the whole document.</summary>
internal static class JsonPointer
{
    public static string[] Parse(string pointer)
    {
        if (pointer.Length == 0) return [];
        if (pointer[0] != '/') throw new PatchException($"invalid JSON pointer \"{pointer}\": must start with '/'");
        string[] parts = pointer[1..].Split('/');
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = Unescape(parts[i], pointer);
        }
        return parts;
    }

    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Unescape(string token, string pointer)
    {
        if (!token.Contains('~')) return token;
        var sb = new StringBuilder(token.Length);
        for (int i = 0; i < token.Length; i++)
        {
            if (token[i] != '~')
            {
                sb.Append(token[i]);
                continue;
            }
            char next = i + 1 < token.Length ? token[i + 1] : '\0';
            sb.Append(next switch
            {
                '0' => '~',
                '1' => '/',
                _ => throw new PatchException($"invalid JSON pointer \"{pointer}\": '~' must be followed by 0 or 1"),
            });
            i++;
        }
        return sb.ToString();
    }

    /// <summary>An array index token: digits without leading zeros, within [0, max].</summary>
    public static int ParseIndex(string token, int max, string pointer)
    {
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit) ||
            !int.TryParse(token, out int index))
        {
            throw new PatchException($"invalid array index \"{token}\" in \"{pointer}\"");
        }
        if (index > max) throw new PatchException($"array index {index} out of bounds in \"{pointer}\"");
        return index;
    }
}

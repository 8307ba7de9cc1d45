using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace EdgeOrch.Api.Quantities;

/// <summary>
/// A Kubernetes resource quantity ("100m", "128Mi", "1.5", "1e3"), held exactly as unscaled * 10^scale.
/// Parsing follows Kubernetes: values finer than nano are rounded up (away from zero) to nano, and
/// <see cref="ToString"/> gives the canonical form the API server prints ("1.5" -> "1500m", "1024Mi" -> "1Gi", "1000" -> "1k").
/// </summary>
public sealed class Quantity : IComparable<Quantity>, IEquatable<Quantity>
{
    /// <summary>The finest precision Kubernetes keeps (nano).</summary>
    private const int MinScale = -9;

    private static readonly BigInteger Ten = 10;

    /// <summary>Exact value is <see cref="_unscaled"/> * 10^<see cref="_scale"/>.</summary>
    private readonly BigInteger _unscaled;
    private readonly int _scale;

    private Quantity(BigInteger unscaled, int scale, QuantityFormat format)
    {
        _unscaled = unscaled;
        _scale = scale;
        Format = format;
    }

    public static Quantity Zero { get; } = new(BigInteger.Zero, 0, QuantityFormat.DecimalSI);

    /// <summary>The suffix family the quantity was written in; decides how it prints.</summary>
    public QuantityFormat Format { get; }

    public int Sign => _unscaled.Sign;

    public bool IsZero => _unscaled.IsZero;

    /// <summary>The exact message Kubernetes gives for an unparsable quantity.</summary>
    public const string FormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    public static Quantity FromValue(long value, QuantityFormat format = QuantityFormat.DecimalSI) => new(value, 0, format);

    public static Quantity FromMilli(long milli, QuantityFormat format = QuantityFormat.DecimalSI) => new(milli, -3, format);

    public static Quantity Parse(string text) =>
        TryParse(text, out var q) ? q : throw new FormatException($"{text}: {FormatError}");

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Quantity? quantity)
    {
        quantity = null;
        if (string.IsNullOrEmpty(text))
            return false;
        var s = text.Trim();
        var pos = 0;
        var negative = false;
        if (pos < s.Length && (s[pos] == '+' || s[pos] == '-'))
        {
            negative = s[pos] == '-';
            pos++;
        }

        var digits = new StringBuilder();
        var fractionDigits = 0;
        var sawDot = false;
        for (; pos < s.Length; pos++)
        {
            var c = s[pos];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                if (sawDot) fractionDigits++;
            }
            else if (c == '.' && !sawDot)
            {
                sawDot = true;
            }
            else
            {
                break;
            }
        }
        if (digits.Length == 0)
            return false;

        if (!TryParseSuffix(s.AsSpan(pos), out var base10Exponent, out var binaryPower, out var format))
            return false;

        var unscaled = BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture);
        if (negative) unscaled = -unscaled;
        var scale = -fractionDigits + base10Exponent;
        if (binaryPower > 0)
            unscaled *= BigInteger.Pow(1024, binaryPower);

        quantity = new Quantity(unscaled, scale, format).RoundUp(MinScale);
        return true;
    }

    private static bool TryParseSuffix(ReadOnlySpan<char> suffix, out int exponent, out int binaryPower, out QuantityFormat format)
    {
        exponent = 0;
        binaryPower = 0;
        format = QuantityFormat.DecimalSI;
        switch (suffix)
        {
            case "": return true;
            case "n": exponent = -9; return true;
            case "u": exponent = -6; return true;
            case "m": exponent = -3; return true;
            case "k": exponent = 3; return true;
            case "M": exponent = 6; return true;
            case "G": exponent = 9; return true;
            case "T": exponent = 12; return true;
            case "P": exponent = 15; return true;
            case "E": exponent = 18; return true;
        }
        format = QuantityFormat.BinarySI;
        switch (suffix)
        {
            case "Ki": binaryPower = 1; return true;
            case "Mi": binaryPower = 2; return true;
            case "Gi": binaryPower = 3; return true;
            case "Ti": binaryPower = 4; return true;
            case "Pi": binaryPower = 5; return true;
            case "Ei": binaryPower = 6; return true;
        }
        format = QuantityFormat.DecimalExponent;
        if (suffix.Length < 2 || (suffix[0] != 'e' && suffix[0] != 'E'))
            return false;
        var rest = suffix[1..];
        if (rest[0] == '+' || rest[0] == '-')
        {
            if (rest.Length == 1) return false;
            foreach (var c in rest[1..])
                if (!char.IsAsciiDigit(c)) return false;
        }
        else
        {
            foreach (var c in rest)
                if (!char.IsAsciiDigit(c)) return false;
        }
        // Exponents beyond int range are not quantities anyone means; reject rather than overflow.
        return int.TryParse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent) && Math.Abs(exponent) < 10_000;
    }

    /// <summary>Rounds away from zero so that no digit finer than 10^<paramref name="scale"/> remains (Kubernetes' RoundUp).</summary>
    public Quantity RoundUp(int scale)
    {
        if (_scale >= scale)
            return this;
        var divisor = BigInteger.Pow(Ten, scale - _scale);
        var q = BigInteger.DivRem(_unscaled, divisor, out var rem);
        if (!rem.IsZero)
            q += _unscaled.Sign;
        return new Quantity(q, scale, Format);
    }

    /// <summary>The value rounded up (away from zero) to a whole number; saturates at long's range.</summary>
    public long Value => ToLongCeiling(0);

    /// <summary>The value in thousandths (millicores for CPU), rounded up; saturates at long's range.</summary>
    public long MilliValue => ToLongCeiling(-3);

    public double ToDouble() => (double)_unscaled * Math.Pow(10, _scale);

    private long ToLongCeiling(int scale)
    {
        var r = RoundUp(scale);
        var v = r._scale > scale ? r._unscaled * BigInteger.Pow(Ten, r._scale - scale) : r._unscaled;
        if (v > long.MaxValue) return long.MaxValue;
        if (v < long.MinValue) return long.MinValue;
        return (long)v;
    }

    public Quantity Add(Quantity other)
    {
        var scale = Math.Min(_scale, other._scale);
        return new Quantity(Rescale(scale) + other.Rescale(scale), scale, Format);
    }

    public Quantity Subtract(Quantity other)
    {
        var scale = Math.Min(_scale, other._scale);
        return new Quantity(Rescale(scale) - other.Rescale(scale), scale, Format);
    }

    private BigInteger Rescale(int scale) => _unscaled * BigInteger.Pow(Ten, _scale - scale);

    public int CompareTo(Quantity? other)
    {
        if (other is null) return 1;
        var scale = Math.Min(_scale, other._scale);
        return Rescale(scale).CompareTo(other.Rescale(scale));
    }

    public bool Equals(Quantity? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is Quantity q && Equals(q);

    public override int GetHashCode()
    {
        // Equal values must hash alike whatever their scale: hash the value with trailing zeros stripped.
        var (u, s) = Normalize(_unscaled, _scale);
        return HashCode.Combine(u, s);
    }

    public static bool operator <(Quantity a, Quantity b) => a.CompareTo(b) < 0;
    public static bool operator >(Quantity a, Quantity b) => a.CompareTo(b) > 0;
    public static bool operator <=(Quantity a, Quantity b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Quantity a, Quantity b) => a.CompareTo(b) >= 0;
    public static Quantity operator +(Quantity a, Quantity b) => a.Add(b);
    public static Quantity operator -(Quantity a, Quantity b) => a.Subtract(b);

    private static (BigInteger Unscaled, int Scale) Normalize(BigInteger u, int s)
    {
        if (u.IsZero) return (u, 0);
        while (true)
        {
            var q = BigInteger.DivRem(u, Ten, out var rem);
            if (!rem.IsZero) return (u, s);
            u = q;
            s++;
        }
    }

    /// <summary>The canonical text Kubernetes serializes, e.g. "500m", "1536Mi", "1k", "1e3".</summary>
    public override string ToString() => QuantityFormatter.Canonical(_unscaled, _scale, Format);
}

using System.Globalization;
using System.Numerics;

namespace EdgeOrch.Api.Quantities;

/// <summary>
/// Kubernetes' canonical quantity text: binary quantities print with the largest exact 1024-power suffix
/// (falling back to decimal below 1024 or when not whole), decimal ones with an exponent that is a multiple of 3
/// and the matching SI suffix (or "eN" when no suffix exists, or when written in exponent form).
/// </summary>
internal static class QuantityFormatter
{
    private static readonly BigInteger Ten = 10;
    private static readonly BigInteger Kibi = 1024;
    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    public static string Canonical(BigInteger unscaled, int scale, QuantityFormat format)
    {
        if (unscaled.IsZero)
            return "0";

        if (format == QuantityFormat.BinarySI)
        {
            if (TryWholeNumber(unscaled, scale, out var whole) && BigInteger.Abs(whole) >= Kibi)
                return Binary(whole);
            // Small or fractional binary values would need rounding: Kubernetes shows them as decimal instead.
            format = QuantityFormat.DecimalSI;
        }

        var (mantissa, exponent) = Base1000(unscaled, scale);
        var text = mantissa.ToString(CultureInfo.InvariantCulture);
        if (exponent == 0)
            return text;
        if (format == QuantityFormat.DecimalSI && DecimalSuffix(exponent) is { } suffix)
            return text + suffix;
        return text + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static bool TryWholeNumber(BigInteger unscaled, int scale, out BigInteger whole)
    {
        if (scale >= 0)
        {
            whole = unscaled * BigInteger.Pow(Ten, scale);
            return true;
        }
        whole = BigInteger.DivRem(unscaled, BigInteger.Pow(Ten, -scale), out var rem);
        return rem.IsZero;
    }

    private static string Binary(BigInteger whole)
    {
        var power = 0;
        while (power < BinarySuffixes.Length - 1)
        {
            var q = BigInteger.DivRem(whole, Kibi, out var rem);
            if (!rem.IsZero) break;
            whole = q;
            power++;
        }
        return whole.ToString(CultureInfo.InvariantCulture) + BinarySuffixes[power];
    }

    /// <summary>Strips trailing zeros, then lowers the exponent to a multiple of 3 so an SI suffix fits.</summary>
    private static (BigInteger Mantissa, int Exponent) Base1000(BigInteger unscaled, int scale)
    {
        while (true)
        {
            var q = BigInteger.DivRem(unscaled, Ten, out var rem);
            if (!rem.IsZero) break;
            unscaled = q;
            scale++;
        }
        var mod = ((scale % 3) + 3) % 3;
        if (mod != 0)
        {
            unscaled *= BigInteger.Pow(Ten, mod);
            scale -= mod;
        }
        return (unscaled, scale);
    }

    private static string? DecimalSuffix(int exponent) => exponent switch
    {
        -9 => "n",
        -6 => "u",
        -3 => "m",
        3 => "k",
        6 => "M",
        9 => "G",
        12 => "T",
        15 => "P",
        18 => "E",
        _ => null,
    };
}

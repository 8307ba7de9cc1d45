namespace EdgeOrch.Api.Quantities;

/// <summary>How a quantity prints: Kubernetes keeps the family of the suffix the user wrote.</summary>
public enum QuantityFormat
{
    /// <summary>Powers of ten with SI suffixes: n, u, m, "", k, M, G, T, P, E.</summary>
    DecimalSI,

    /// <summary>Powers of 1024: Ki, Mi, Gi, Ti, Pi, Ei.</summary>
    BinarySI,

    /// <summary>Scientific notation: 1e3, 5e-3.</summary>
    DecimalExponent,
}

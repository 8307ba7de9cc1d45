namespace EdgeOrch.ApiServer.Discovery;

/// <summary>
/// A discovery answer: send 200 with this body and Content-Type, the ETag, and <c>Vary: Accept</c> (the same path
/// answers in different shapes).
/// </summary>
public readonly record struct DiscoveryResponse(byte[] Body, string ContentType, string ETag);

namespace EdgeOrch.ApiServer.Patching;

/// <summary>A patch that cannot be applied (bad pointer, failed test, malformed directive). The server answers 422 or 400.</summary>
public sealed class PatchException(string message) : Exception(message);

using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace EdgeOrch.ApiServer;

/// <summary>How the API server listens and whom it lets in.</summary>
public sealed record ApiServerOptions(
    IPAddress BindAddress,
    int Port,
    X509Certificate2 ServingCertificate,
    Func<string?, bool> Authenticate);

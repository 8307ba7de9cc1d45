using System.Net;
using System.Net.Sockets;

namespace EdgeOrch.E2E.Tests.Harness;

/// <summary>Picks a currently free loopback TCP port by binding port 0 and releasing it.</summary>
public static class FreePort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

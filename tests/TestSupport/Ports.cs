using System.Net;
using System.Net.Sockets;

namespace OrleansSync.Testing;

public static class Ports
{
    /// <summary>A loopback port free right now; the tiny race with another process taking it is acceptable in tests.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

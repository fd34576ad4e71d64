using System.Net;
using System.Net.Sockets;

namespace Agent.Bench.Runner;

/// <summary>Free TCP ports on 127.0.0.1.</summary>
internal static class LoopbackPort
{
    // The port is free when asked; another process could take it before the server binds, which its start reports.
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

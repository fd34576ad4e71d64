using System.Net;
using System.Net.Sockets;

namespace Agent.Tests.Collectors.Ups;

/// <summary>Free TCP ports on 127.0.0.1 for the daemons the tests start.</summary>
internal static class LoopbackPort
{
    /// <summary>A port that was free a moment ago; the daemon that gets it binds it right after.</summary>
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

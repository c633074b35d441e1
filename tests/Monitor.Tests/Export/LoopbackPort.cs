using System.Net;
using System.Net.Sockets;

namespace Monitor.Tests.Export;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on now (the kernel's pick), for an endpoint a test starts.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

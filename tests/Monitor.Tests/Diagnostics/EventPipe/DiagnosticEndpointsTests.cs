using Monitor.Diagnostics.Sources.EventPipe;

namespace Monitor.Tests.Diagnostics.EventPipe;

/// <summary>The published endpoints carry the start-time key of their socket's name, so two sockets of one pid are two
/// endpoints. Checked on this test process's own socket: its key is the runtime's, read back from the file name.</summary>
public sealed class DiagnosticEndpointsTests
{
    [Fact]
    public void This_process_is_published_with_the_key_its_socket_is_named_with()
    {
        int pid = Environment.ProcessId;
        string socket = Assert.Single(DefaultDiagnosticSockets.Of(pid));
        long key = long.Parse(Path.GetFileName(socket).Split('-')[3], System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains(new DiagnosticEndpoint(pid, key), DefaultDiagnosticSockets.Endpoints());
        Assert.DoesNotContain(DotnetProcesses.Published(), e => e.Pid == pid); // Monitor itself is left out
    }
}

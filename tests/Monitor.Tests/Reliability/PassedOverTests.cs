using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Sessions;

namespace Monitor.Tests.Reliability;

/// <summary>What a follower (`attach --children`, `export --name`/`--all`) leaves alone is kept by endpoint: a socket
/// left behind by a killed process must not hide the new process that gets its pid. Found when `export --name` never
/// saw a process whose pid had a stale socket in /tmp (reproduced by hand with made-up sockets for the next pids).</summary>
public sealed class PassedOverTests
{
    private static HashSet<DiagnosticEndpoint> Published(params (int Pid, long Key)[] endpoints) =>
        [.. endpoints.Select(e => new DiagnosticEndpoint(e.Pid, e.Key))];

    [Fact]
    public void A_new_process_beside_a_stale_socket_of_its_pid_is_looked_at()
    {
        var passed = new PassedOver();
        var stale = Published((700, 111), (800, 5));
        Assert.Equal([700, 800], passed.ToLookAt(stale));
        passed.Add(700, stale); // nothing runs there: left alone
        passed.Add(800, stale);
        Assert.Empty(passed.ToLookAt(stale));

        // Pid 700 is used again: the stale socket stays, the new runtime publishes its own.
        var reused = Published((700, 111), (700, 222), (800, 5));
        passed.KeepOnly(reused);
        Assert.Equal([700], passed.ToLookAt(reused));
        passed.Add(700, reused);
        Assert.Empty(passed.ToLookAt(reused));
    }

    [Fact]
    public void An_endpoint_gone_and_published_again_is_looked_at_again_and_remove_clears_a_pid()
    {
        var passed = new PassedOver();
        var first = Published((900, 1));
        passed.Add(900, first);
        passed.KeepOnly(Published());
        Assert.Equal([900], passed.ToLookAt(first));

        passed.Add(900, first);
        passed.Remove(900);
        Assert.Equal([900], passed.ToLookAt(first));
    }
}

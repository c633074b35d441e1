using System.Diagnostics;
using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Reliability;

/// <summary>`monitor attach` to a .NET process that is killed while watched: a message, no crash, exit 0.</summary>
[Collection(TimingSensitive.Name)]
public sealed class AttachEndsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public Task Attach_ends_cleanly_with_a_message_when_its_target_is_killed() => WithAttachedTarget(async (target, attach) =>
    {
        target.Kill();
        await EndsSayingTheTargetExited(target, attach);
    });

    /// <summary>The session breaks while the target computes on (its runtime's end of the connection is shut down from
    /// outside, as a failing transport would): attach says so in its snapshots, goes on with the OS figures, and ends
    /// only when the target does, saying it exited. It used to end at once, claiming the process had exited.</summary>
    [Fact]
    public Task Attach_goes_on_with_the_os_figures_when_the_session_breaks_while_its_target_runs_on() =>
        !OperatingSystem.IsLinux() ? Task.CompletedTask : WithAttachedTarget(async (target, attach) =>
    {
        var (broken, why) = DiagnosticConnections.BreakIn(target.Id, DefaultDiagnosticSockets.TempDirectory);
        Assert.True(why is null, why);
        Assert.True(broken > 0, "no connection of the target's diagnostic socket was found");

        const string Status = "\"diagnosticsStatus\":\"runtime events stopped:";
        await attach.WaitForStdoutAsync(l => l.Contains(Status), "the status", Bound);
        Assert.Contains("runs on", attach.StdoutLines.First(l => l.Contains(Status)));
        Assert.False(target.HasExited);
        Assert.False(attach.Process.HasExited, "attach ended while its target runs on");
        int before = attach.StdoutLines.Count;
        await attach.WaitForStdoutAsync(l => attach.StdoutLines.Count > before + 2, "snapshots after the break", Bound);
        Assert.DoesNotContain(attach.StderrLines, l => l.Contains("has exited", StringComparison.Ordinal));

        target.Kill();
        await EndsSayingTheTargetExited(target, attach);
    });

    /// <summary>`monitor attach --json` on a target of the test's own, once its first snapshot is out; the target is
    /// killed and its socket removed afterwards whatever happened (a killed runtime cannot remove its socket).</summary>
    private static async Task WithAttachedTarget(Func<Process, BackgroundMonitor, Task> body)
    {
        using var target = BusyDotnetTarget.Start();
        await target.WaitForDiagnosticSocket();
        using var attach = BackgroundMonitor.Start("attach", target.Pid.ToString(), "--json", "--interval", "200");
        await attach.WaitForStdoutAsync(l => l.Contains("\"type\":\"snapshot\""), "a snapshot", Bound);
        await body(target.Process, attach);
    }

    private static async Task EndsSayingTheTargetExited(Process target, BackgroundMonitor attach)
    {
        Assert.Equal(0, await attach.WaitForExitAsync(Bound));
        Assert.Contains(attach.StderrLines, l => l.Contains($"process {target.Id} has exited", StringComparison.Ordinal));
        Assert.DoesNotContain(attach.StderrLines, l => l.Contains("   at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
    }
}

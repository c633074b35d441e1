using System.Diagnostics;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Reliability;

/// <summary>`monitor attach --children`: the .NET processes started below the given one are watched while they run
/// and dropped when they exit; the attach ends once the given process and its children have gone. Real processes;
/// the bounds are hang guards.</summary>
[Collection(TimingSensitive.Name)]
public sealed class AttachChildrenTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>A shell script (not .NET: only the top of the tree) that starts a .NET worker once the test tells it
    /// to, after the attach's first snapshot: the child is found later, shown, then dropped when it ends.</summary>
    [Fact]
    public async Task A_child_started_later_appears_then_disappears()
    {
        string directory = Directory.CreateTempSubdirectory("monitor-children-test-").FullName;
        string go = Path.Combine(directory, "go");
        // The worker sums 5e9 (a second or more) and exits by itself; its parent is the shell ($$), as it checks.
        string script = "while [ ! -e \"$1\" ]; do sleep 0.05; done; " +
                        "\"$0\" worker --start 0 --end 5000000000 --threads 1 --first-worker 0 --work cpu --gil 0 --switch-ms 5 --lock-block 1000 --parent $$ " +
                        "</dev/null >/dev/null; sleep 0.5";
        var start = new ProcessStartInfo("sh") { UseShellExecute = false };
        foreach (string a in new[] { "-c", script, MonitorProgram.Path, go }) start.ArgumentList.Add(a);
        using var parent = Process.Start(start)!;
        try
        {
            using var attach = BackgroundMonitor.Start("attach", parent.Id.ToString(), "--children", "--json", "--interval", "200");
            await attach.WaitForStdoutAsync(l => SnapshotJson.Is(l, _ => true), "a first snapshot", Bound);
            Assert.True(SnapshotJson.Read(attach.StdoutLines.First(l => SnapshotJson.Is(l, _ => true)))!.WithThreads.Count == 0,
                "a child was watched before the parent started one");
            Assert.Contains(attach.StderrLines, l => l == $"monitor: process {parent.Id} is not a .NET process: watching the .NET processes it starts");

            File.WriteAllText(go, "");
            await attach.WaitForStdoutAsync(l => SnapshotJson.Is(l, s => s.WithThreads.Count > 0), "the child's threads", Bound);
            var seen = SnapshotJson.Read(attach.StdoutLines.First(l => SnapshotJson.Is(l, s => s.WithThreads.Count > 0)))!;
            int child = Assert.Single(seen.WithThreads);
            Assert.Contains(attach.StderrLines, l => l == $"monitor: watching child process {child} (monitor)");

            Assert.Equal(0, await attach.WaitForExitAsync(Bound));
            Assert.Contains(attach.StderrLines, l => l == $"monitor: child process {child} has exited");
            Assert.Contains(attach.StderrLines, l => l == $"monitor: process {parent.Id} has exited; attach ends");
            // Dropped, not kept as exited: the last snapshots no longer list it.
            Assert.DoesNotContain(child, SnapshotJson.Read(attach.StdoutLines.Last(l => SnapshotJson.Is(l, _ => true)))!.Processes);
        }
        finally
        {
            if (!parent.HasExited) parent.Kill(entireProcessTree: true);
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Monitor's own `run --mode processes` as the parent: its worker processes are .NET children, watched
    /// beside it until the run ends them, then dropped; the parent's rows stay until it exits.</summary>
    [Fact]
    public async Task The_workers_of_a_processes_run_are_followed_as_children()
    {
        using var run = BackgroundMonitor.Start("run", "--mode", "processes", "--workers", "2", "--n", "2e10", "--json");
        await run.WaitForWorkersAsync(1, Bound);
        using var attach = BackgroundMonitor.Start("attach", run.Pid.ToString(), "--children", "--json", "--interval", "200");

        await attach.WaitForStdoutAsync(l => SnapshotJson.Is(l, s => s.WithThreads.Contains(run.Pid) && s.WithThreads.Count == 3),
            "the run's and its two workers' threads", Bound);
        var workers = SnapshotJson.Read(attach.StdoutLines.First(l => SnapshotJson.Is(l, s => s.WithThreads.Count == 3)))!.WithThreads
            .Where(p => p != run.Pid).ToArray();
        Assert.Equal(0, await attach.WaitForExitAsync(Bound));

        foreach (int worker in workers)
        {
            Assert.Contains(attach.StderrLines, l => l == $"monitor: watching child process {worker} (monitor)");
            Assert.Contains(attach.StderrLines, l => l == $"monitor: child process {worker} has exited");
        }
        Assert.Contains(attach.StderrLines, l => l == $"monitor: process {run.Pid} has exited; attach ends");
        // The parent's rows stay while any worker is listed (the moments between the workers' exit and the run's own
        // can be shorter than one interval, so a snapshot with the parent alone is not asserted).
        Assert.All(attach.StdoutLines.Where(l => SnapshotJson.Is(l, s => s.WithThreads.Overlaps(workers))),
            l => Assert.True(SnapshotJson.Is(l, s => s.WithThreads.Contains(run.Pid)), "a snapshot listed the workers without the run"));
        Assert.Equal(0, await run.WaitForExitAsync(Bound));
    }
}

namespace Monitor.Tests.Reliability;

/// <summary>`monitor attach PID PID...` headless, on real .NET processes the test starts: every target's threads are
/// in the snapshots, one that exits is marked exited while the others are watched on, and the attach ends (exit 0)
/// once the last one has gone. The bounds are hang guards.</summary>
[Collection(TimingSensitive.Name)]
public sealed class AttachSeveralProcessesTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Attach_to_two_pids_watches_both_and_goes_on_with_one_when_the_other_exits()
    {
        using var first = BusyDotnetTarget.Start();
        using var second = BusyDotnetTarget.Start();
        await first.WaitForDiagnosticSocket();
        await second.WaitForDiagnosticSocket();
        int a = first.Pid, b = second.Pid;
        using var attach = BackgroundMonitor.Start("attach", a.ToString(), b.ToString(), "--json", "--interval", "200");

        await attach.WaitForStdoutAsync(l => SnapshotJson.Is(l, s => s.WithThreads.Contains(a) && s.WithThreads.Contains(b)), "both targets' threads", Bound);

        first.Process.Kill();
        await attach.WaitForStdoutAsync(l => SnapshotJson.Is(l, s => s.Exited.Contains(a)), $"process {a} marked exited", Bound);
        int marked = attach.StdoutLines.Count;
        // Watched on: later snapshots still have the other's threads, and the exited one stays listed, marked.
        await attach.WaitForStdoutAsync(
            l => attach.StdoutLines.Skip(marked).Count(x => SnapshotJson.Is(x, s => s.WithThreads.Contains(b) && s.Exited.Contains(a) && !s.WithThreads.Contains(a))) >= 3,
            "snapshots of the other target after the exit", Bound);
        Assert.False(attach.Process.HasExited, "attach ended while one of its targets runs on");
        Assert.Contains(attach.StderrLines, l => l == $"monitor: process {a} has exited");

        second.Process.Kill();
        Assert.Equal(0, await attach.WaitForExitAsync(Bound));
        Assert.Contains(attach.StderrLines, l => l == $"monitor: process {b} has exited; attach ends");
        Assert.DoesNotContain(attach.StderrLines, l => l.Contains("Exception", StringComparison.Ordinal));
    }

    /// <summary>--text names the processes watched on each line, and whose each busy thread is; --record keeps a trace
    /// of each process, and analyze reports both.</summary>
    [Fact]
    public async Task Text_and_the_recording_carry_every_target()
    {
        using var first = BusyDotnetTarget.Start();
        using var second = BusyDotnetTarget.Start();
        await first.WaitForDiagnosticSocket();
        await second.WaitForDiagnosticSocket();
        int a = first.Pid, b = second.Pid;
        string directory = Directory.CreateTempSubdirectory("monitor-several-test-").FullName;
        try
        {
            string bundle = Path.Combine(directory, "b");
            var attach = await Monitor.Tests.Cli.MonitorProgram.RunAsync(["attach", a.ToString(), b.ToString(), "--text", "--duration", "2", "--interval", "250", "--record", bundle]);

            Assert.True(attach.ExitCode == 0, attach.ToString());
            // A block per snapshot: a line per process, then the busiest threads of all of them with their pids.
            var lines = attach.StdoutLines.Where(l => l.StartsWith("t ", StringComparison.Ordinal)).ToArray();
            Assert.NotEmpty(lines);
            Assert.Equal(lines.Count(l => l.Contains($"  pid {a} ", StringComparison.Ordinal)), lines.Count(l => l.Contains($"  pid {b} ", StringComparison.Ordinal)));
            Assert.Equal(lines.Length, 2 * lines.Count(l => l.Contains($"  pid {a} ", StringComparison.Ordinal)));
            Assert.DoesNotContain(attach.StdoutLines, l => l.Contains("it/s", StringComparison.Ordinal));
            foreach (int pid in new[] { a, b })
            {
                Assert.Contains(attach.StdoutLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^\s+{pid}\s+\d+\s+sum-worker-0\s"));
            }

            Assert.True(File.Exists(Path.Combine(bundle, $"external-{a}.nettrace")), "no trace of the first target");
            Assert.True(File.Exists(Path.Combine(bundle, $"external-{b}.nettrace")), "no trace of the second target");
            var analyzed = await Monitor.Tests.Cli.MonitorProgram.RunAsync("analyze", bundle);
            Assert.Equal(0, analyzed.ExitCode);
            Assert.Contains(analyzed.StdoutLines, l => l.StartsWith($"{a} ", StringComparison.Ordinal) && l.Contains("external", StringComparison.Ordinal));
            Assert.Contains(analyzed.StdoutLines, l => l.StartsWith($"{b} ", StringComparison.Ordinal) && l.Contains("external", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_pid_given_twice_is_refused()
    {
        using var target = BusyDotnetTarget.Start();
        await target.WaitForDiagnosticSocket();

        await BadInput.AssertRefusedAsync(["attach", target.Pid.ToString(), target.Pid.ToString(), "--json"], $"pid {target.Pid} is given twice");
    }

    /// <summary>One bad pid among good ones refuses the whole attach before any snapshot, naming the bad one.</summary>
    [Theory]
    [InlineData("gone", "no process with pid")]
    [InlineData("not dotnet", "not a .NET process")]
    public async Task One_bad_pid_among_good_ones_refuses_the_attach(string which, string mentioned)
    {
        using var target = BusyDotnetTarget.Start();
        await target.WaitForDiagnosticSocket();
        using var sleep = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            string bad = which == "gone" ? "2147483647" : sleep.Id.ToString();
            await BadInput.AssertRefusedAsync(["attach", target.Pid.ToString(), bad, "--json"], mentioned);
            Assert.False(target.Process.HasExited);
        }
        finally
        {
            sleep.Kill();
        }
    }
}

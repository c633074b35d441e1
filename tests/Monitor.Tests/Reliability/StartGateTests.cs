using System.Diagnostics;
using Monitor.Tests.Cli;
using Monitor.Tests.Diagnostics.OsThreads;
using Monitor.Tests.Runners;
using Monitor.Workloads;

namespace Monitor.Tests.Reliability;

/// <summary>An observed worker waits at its start gate (stdin open) until Monitor's session runs; a Monitor killed in
/// that moment must not leave it waiting for good, as a runtime suspended at its diagnostic port did.</summary>
public sealed class StartGateTests
{
    private static readonly string[] WorkerArgs =
        ["worker", "--start", "0", "--end", "100000000", "--threads", "1", "--first-worker", "0", "--work", "cpu",
         "--gil", "0", "--switch-ms", "5", "--lock-block", "1000"];

    [LinuxFact]
    public async Task A_gated_worker_whose_parent_is_killed_ends_by_itself()
    {
        // sh is the worker's parent, as Monitor would be; fd 3 hands the worker the pipe the test keeps open (an
        // asynchronous list's stdin would be /dev/null), so the gate stays closed until the watchdog acts.
        string worker = string.Join(' ', WorkerArgs.Select(a => $"'{a}'"));
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", $"exec 3<&0; \"$0\" {worker} --parent $$ <&3 & wait", MonitorProgram.Path },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment[StartGate.Variable] = StartGate.StdinClosed;
        using var shell = Process.Start(start)!;
        try
        {
            int pid = await WorkerOf(shell.Id);
            // Still at the gate: summing 1e8 takes ~25 ms, so a worker that did not wait would have reported and ended.
            var firstLine = shell.StandardOutput.ReadLineAsync();
            Assert.NotSame(firstLine, await Task.WhenAny(firstLine, Task.Delay(TimeSpan.FromSeconds(1))));
            Assert.True(Directory.Exists($"/proc/{pid}") && !IsZombie(pid), "the worker should wait at its gate");

            shell.Kill();
            var clock = Stopwatch.StartNew();
            while (Directory.Exists($"/proc/{pid}") && !IsZombie(pid) && clock.Elapsed < TimeSpan.FromSeconds(15)) await Task.Delay(50);
            Assert.False(Directory.Exists($"/proc/{pid}") && !IsZombie(pid), $"worker {pid} still waits {clock.Elapsed.TotalSeconds:0.0} s after its parent was killed");
        }
        finally
        {
            if (!shell.HasExited) shell.Kill(entireProcessTree: true);
            Leftovers.KillProcessesOf(shell.Id);
        }
    }

    [LinuxFact]
    public async Task A_gated_worker_computes_only_once_its_stdin_is_closed()
    {
        var start = new ProcessStartInfo(MonitorProgram.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in WorkerArgs) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--parent");
        start.ArgumentList.Add(Environment.ProcessId.ToString());
        start.Environment[StartGate.Variable] = StartGate.StdinClosed;
        using var process = Process.Start(start)!;
        try
        {
            var firstLine = process.StandardOutput.ReadLineAsync();
            // Summing 1e8 takes ~25 ms: a worker that did not wait would have reported by now.
            Assert.NotSame(firstLine, await Task.WhenAny(firstLine, Task.Delay(TimeSpan.FromSeconds(1))));

            process.StandardInput.Close();

            Assert.Contains("\"type\":\"started\"", await firstLine.WaitAsync(TimeSpan.FromSeconds(30)));
            string rest = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Contains("\"type\":\"finished\"", rest);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }

    private static async Task<int> WorkerOf(int parent)
    {
        for (int i = 0; i < 600; i++)
        {
            if (ProcFs.WorkersOf(parent) is [var pid, ..]) return pid;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no worker under {parent}");
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}

using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Runners;

/// <summary>FAILED-RUN TEST: a worker process killed mid-run fails the run with a reason naming the signal, and its
/// sibling processes are ended instead of computing on for nothing.</summary>
public class KilledWorkerTests
{
    [Fact]
    public async Task Failed_run_when_a_worker_process_is_killed_names_the_signal_and_ends_the_siblings()
    {
        // N at the limit: the workers would run for many minutes if nothing ended them.
        var spec = new WorkloadSpec(RunMode.Processes, 3, WorkloadLimits.MaxN);
        await using var run = await WorkloadRunner.StartAsync(spec);
        var processes = run.Processes;
        Assert.Equal(3, processes.Count);

        // Kill a worker once every worker thread is computing (their `started` lines have arrived).
        using (var started = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (run.Workers.Any(w => w.Tid == 0))
            {
                await Task.Delay(20, started.Token);
            }
        }
        var victim = processes[1];
        victim.Process.Kill(); // SIGKILL, this process only

        RunResult result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30)); // a hang guard, not a timing

        Assert.False(result.Correct);
        Assert.NotNull(result.Failure);
        Assert.Contains($"worker process {victim.Pid}", result.Failure);
        Assert.Contains("signal 9", result.Failure);
        Assert.Contains("SIGKILL", result.Failure);
        Assert.All(processes, p => Assert.True(p.Process.HasExited, $"worker process {p.Pid} still runs"));
        Assert.All(processes.Where(p => p != victim), p => Assert.False(Directory.Exists($"/proc/{p.Pid}/task"), $"sibling {p.Pid} still exists"));
    }
}

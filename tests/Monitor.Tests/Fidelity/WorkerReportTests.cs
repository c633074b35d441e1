using System.Diagnostics;
using System.Text.Json;
using Monitor.Tests.Cli;
using Monitor.Tests.Diagnostics.OsThreads;
using Monitor.Workloads;

namespace Monitor.Tests.Fidelity;

/// <summary>
/// What a worker says of itself, against what the test reads: the thread CPU time on each progress line (which raises
/// one thread's rate, the unit of effective parallelism) is never more than the kernel's own account of that thread
/// read right after the line arrives, and the moments on its start and last lines (which time the run) lie between the
/// test's launch of the worker and its reading of the line on the same monotonic clock.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class WorkerReportTests
{
    /// <summary>The worker reads its thread's clock before it writes the line; the test reads schedstat after. Both
    /// count nanoseconds of the same sum_exec_runtime: only the reported figure's rounding (3 decimals) is allowed.</summary>
    private const double ReportedAheadMs = 0.01;

    [LinuxFact]
    public async Task A_workers_own_cpu_times_and_moments_agree_with_the_kernel_and_the_tests_clock()
    {
        long launchedNs = MonotonicClock.NowNs();
        var start = new ProcessStartInfo(MonitorProgram.Path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var a in new[] { "worker", "--start", "0", "--end", "4000000000", "--threads", "2", "--first-worker", "0",
                     "--work", "cpu", "--gil", "0", "--switch-ms", "5", "--lock-block", "1000", "--parent", Environment.ProcessId.ToString() })
        {
            start.ArgumentList.Add(a);
        }
        using var worker = Process.Start(start)!;
        worker.StandardInput.Close(); // through the start gate
        var tids = new Dictionary<int, int>();
        int progressChecked = 0;
        var problems = new List<string>();
        try
        {
            while (await worker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) is { } line)
            {
                long readNs = MonotonicClock.NowNs();
                using var doc = JsonDocument.Parse(line);
                var m = doc.RootElement;
                switch (m.GetProperty("type").GetString())
                {
                    case "started":
                        tids[m.GetProperty("worker").GetInt32()] = m.GetProperty("tid").GetInt32();
                        CheckMoment(m, launchedNs, readNs, "started", problems);
                        break;
                    case "progress" when m.TryGetProperty("cpuMs", out var cpu):
                        int tid = tids[m.GetProperty("worker").GetInt32()];
                        if (ProcReadings.ThreadOnCpuMs(worker.Id, tid) is { } kernel)
                        {
                            progressChecked++;
                            if (cpu.GetDouble() > kernel + ReportedAheadMs)
                                problems.Add($"progress of thread {tid}: cpuMs {cpu.GetDouble()} > the kernel's {kernel:0.###} read after it");
                        }
                        break;
                    case "usage":
                        CheckMoment(m, launchedNs, readNs, "usage", problems);
                        break;
                }
            }
            await worker.WaitForExitAsync();
        }
        finally
        {
            if (!worker.HasExited) worker.Kill();
        }

        Assert.Empty(problems);
        Assert.Equal(2, tids.Count);
        Assert.True(progressChecked >= 2, $"only {progressChecked} progress lines with a thread CPU time were read while their thread ran");
        Assert.Equal(0, worker.ExitCode);
    }

    private static void CheckMoment(JsonElement m, long launchedNs, long readNs, string what, List<string> problems)
    {
        long at = m.GetProperty("atNs").GetInt64();
        if (at < launchedNs || at > readNs) problems.Add($"{what} at {at} ns is not between the launch ({launchedNs}) and the reading ({readNs})");
    }
}

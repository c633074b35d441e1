using System.Globalization;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Attach;

/// <summary>`attach --text` on the lock convoy: a top-like block per snapshot (the process, its runtime line, its
/// threads by CPU, its locks with their owners), none of a run's progress bar or iterations.</summary>
public class AttachTextTests
{
    [Fact]
    public async Task Each_snapshot_is_a_table_of_threads_by_cpu_locks_with_owners_and_the_runtime()
    {
        using var target = await TargetApp.StartAsync("lock-convoy");
        var run = await MonitorProgram.RunAsync(["attach", target.Pid.ToString(), "--text", "--duration", "3"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("it/s", run.Stdout);
        Assert.DoesNotContain("[---", run.Stdout);
        var blocks = run.Stdout.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(blocks.Length >= 2, run.ToString());
        Assert.All(blocks, b => Assert.StartsWith("t ", b));
        Assert.Contains(blocks, b => b.Contains("runtime: pool ") && b.Contains("exceptions/s"));

        var last = blocks[^1].Split('\n');
        Assert.Contains($"pid {target.Pid} ", last[0]);
        int header = Array.FindIndex(last, l => l.Trim().StartsWith("PID   TID", StringComparison.Ordinal) || l.Contains("THREAD"));
        var rows = last.Skip(header + 1).TakeWhile(l => !l.Contains("LOCK")).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var cpu = rows.Select(r => double.Parse(r[^3], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(cpu.OrderDescending(), cpu);
        // The three convoy threads compute (one at a time): among the busiest, by name and tid.
        Assert.Equal(["convoy-1", "convoy-2", "convoy-3"], rows.Select(r => r[2]).Where(n => n.StartsWith("convoy-")).Order());

        // The convoy's lock, owned and waited for by convoy threads, named.
        Assert.Contains(blocks, b => b.Split('\n').Any(l => l.Contains("0x") && l.Contains("convoy-") && l.Contains(" (")));
    }

    [Fact]
    public async Task A_replayed_attach_recording_prints_the_same_tables()
    {
        string bundle = Path.Combine(Path.GetTempPath(), $"monitor-attach-text-{Guid.NewGuid():N}");
        try
        {
            using (var target = await TargetApp.StartAsync("lock-convoy"))
            {
                var record = await MonitorProgram.RunAsync(["attach", target.Pid.ToString(), "--json", "--duration", "2", "--record", bundle]);
                Assert.True(record.ExitCode == 0, record.ToString());
            }
            var replay = await MonitorProgram.RunAsync(["replay", bundle, "--text"]);

            Assert.True(replay.ExitCode == 0, replay.ToString());
            Assert.DoesNotContain("it/s", replay.Stdout);
            Assert.Contains("THREAD", replay.Stdout);
            Assert.Contains("convoy-1", replay.Stdout);
        }
        finally
        {
            if (Directory.Exists(bundle)) Directory.Delete(bundle, recursive: true);
        }
    }
}

using Monitor.Model;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Attach;

/// <summary>What `monitor attach PID --json --duration S` wrote about a target: its snapshots, read back through the
/// one JSON context, and the target's own process sample in each.</summary>
public sealed record AttachedSnapshots(int Pid, IReadOnlyList<Snapshot> Snapshots)
{
    public static async Task<AttachedSnapshots> RecordAsync(TargetApp target, int seconds)
    {
        var run = await MonitorProgram.RunAsync(["attach", target.Pid.ToString(), "--json", "--duration", seconds.ToString()]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return new AttachedSnapshots(target.Pid, run.StdoutLines.Select(SnapshotJson.Parse).ToArray());
    }

    /// <summary>The target's sample in each snapshot that has one.</summary>
    public IReadOnlyList<ProcessSample> Target => Snapshots.SelectMany(s => s.Processes.Where(p => p.Pid == Pid)).ToArray();

    /// <summary>The target's runtime figures, snapshot by snapshot, once the runtime reported them.</summary>
    public IReadOnlyList<RuntimeSample> Runtime => Target.Select(p => p.Runtime).OfType<RuntimeSample>().ToArray();
}

using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Diagnostics.EventPipe;

/// <summary>Two free threads, with a recording whose disk is full from the first write.</summary>
public sealed class ThreadsRun : ObservedRun
{
    public ThreadsRun() : base(new WorkloadSpec(RunMode.Threads, 2, 2_000_000_000), TimeSpan.FromSeconds(1)) { }

    /// <summary>The recording's stream, to see how often the session wrote to it.</summary>
    public DiskFullStream Recording { get; } = new();

    protected override Stream? RecordingFor(int pid) => Recording;
}

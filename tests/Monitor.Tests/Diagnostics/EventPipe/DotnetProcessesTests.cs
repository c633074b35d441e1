using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Tests.Diagnostics.OsThreads;

namespace Monitor.Tests.Diagnostics.EventPipe;

/// <summary>ps, the picker and --children list processes, never threads: /proc answers for a thread id as if it were
/// a process, and a socket left by a killed process whose pid became a thread id made ps list that thread.</summary>
public sealed class DotnetProcessesTests
{
    [LinuxFact]
    public void A_thread_id_is_not_a_process()
    {
        int thread = Directory.EnumerateDirectories($"/proc/{Environment.ProcessId}/task")
            .Select(d => int.Parse(Path.GetFileName(d))).First(tid => tid != Environment.ProcessId);
        Assert.True(Directory.Exists($"/proc/{thread}"), "the premise: /proc answers for a thread id");

        Assert.False(DotnetProcesses.IsProcess(thread));
        Assert.Null(DotnetProcesses.Describe(thread));
        Assert.True(DotnetProcesses.IsProcess(Environment.ProcessId));
        Assert.False(DotnetProcesses.IsProcess(int.MaxValue));
    }
}

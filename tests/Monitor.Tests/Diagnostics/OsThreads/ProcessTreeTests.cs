using System.Diagnostics;
using Monitor.Diagnostics.Sources.OsThreads;

namespace Monitor.Tests.Diagnostics.OsThreads;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProcessTreeTests
{
    [LinuxFact]
    public async Task Finds_a_child_and_a_grandchild_both_from_children_files_and_from_a_parent_scan()
    {
        // "; true" keeps the shell alive as the parent of sleep instead of exec'ing into it.
        using var shell = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "sleep 5; true" } })!;
        try
        {
            int sleep = await WaitForChildNamed(shell.Id, "sleep");

            Assert.Equal([sleep], ProcessTree.Descendants(shell.Id));
            Assert.Equal([sleep], Monitor.Diagnostics.Sources.OsThreads.Linux.LinuxProcessTree.DescendantsByParentScan(shell.Id));
            var mine = ProcessTree.Descendants(Environment.ProcessId).ToList();
            Assert.True(mine.IndexOf(shell.Id) is >= 0 and var at && mine.IndexOf(sleep) > at, "parents come before their children");
        }
        finally
        {
            shell.Kill(entireProcessTree: true);
            await shell.WaitForExitAsync();
        }
    }

    /// <summary>What attach --children asks of each new .NET process: is one of the given processes above it?</summary>
    [LinuxFact]
    public async Task A_grandchild_descends_from_its_grandparent_and_not_from_an_unrelated_process()
    {
        using var shell = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "sleep 5; true" } })!;
        using var other = Process.Start(new ProcessStartInfo("sleep", "5"))!;
        try
        {
            int sleep = await WaitForChildNamed(shell.Id, "sleep");

            Assert.True(ProcessTree.IsDescendantOf(sleep, new HashSet<int> { shell.Id }));
            Assert.True(ProcessTree.IsDescendantOf(sleep, new HashSet<int> { other.Id, Environment.ProcessId }));
            Assert.False(ProcessTree.IsDescendantOf(sleep, new HashSet<int> { other.Id }));
            Assert.False(ProcessTree.IsDescendantOf(shell.Id, new HashSet<int> { sleep }));
            Assert.False(ProcessTree.IsDescendantOf(int.MaxValue, new HashSet<int> { shell.Id }));
        }
        finally
        {
            shell.Kill(entireProcessTree: true);
            other.Kill();
            await shell.WaitForExitAsync();
        }
    }

    [Fact]
    public void A_process_that_does_not_exist_has_no_descendants()
    {
        Assert.Empty(ProcessTree.Descendants(int.MaxValue));
        Assert.Empty(ProcessTree.Descendants(0));
    }

    private static async Task<int> WaitForChildNamed(int parent, string name)
    {
        for (int i = 0; i < 200; i++)
        {
            foreach (int pid in Monitor.Diagnostics.Sources.OsThreads.Linux.LinuxProcessTree.DescendantsByParentScan(parent))
            {
                if (File.ReadAllText($"/proc/{pid}/comm").Trim() == name) return pid;
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"no child named {name} under {parent}");
    }
}

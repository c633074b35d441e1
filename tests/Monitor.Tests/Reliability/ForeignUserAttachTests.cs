using System.Diagnostics;
using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Tests.Cli;

namespace Monitor.Tests.Reliability;

/// <summary>
/// Attaching to another user's process fails at once with a message saying so. Root may attach to anyone, so the
/// check is exercised the other way round: Monitor runs as `nobody` (runuser) and attaches to this test host, a .NET
/// process of root's. Skipped where the tests do not run as root or runuser is missing.
/// </summary>
public sealed class ForeignUserAttachTests
{
    private const string OtherUser = "nobody";

    private static bool CanSwitchUser => ProcessOwner.Current() == 0 && File.Exists("/usr/sbin/runuser");

    [Fact]
    public async Task Attaching_to_a_process_of_another_user_fails_with_a_message_saying_so()
    {
        if (!CanSwitchUser) return;
        var start = new ProcessStartInfo("/usr/sbin/runuser")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in new[] { "-u", OtherUser, "--", MonitorProgram.Path, "attach", Environment.ProcessId.ToString() }) start.ArgumentList.Add(a);
        using var monitor = Process.Start(start)!;
        monitor.StandardInput.Close();
        var stdout = monitor.StandardOutput.ReadToEndAsync();
        var stderr = monitor.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(BadInput.HangBound);
        await monitor.WaitForExitAsync(guard.Token);

        Assert.Equal(2, monitor.ExitCode);
        string line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("belongs to another user", line);
        Assert.Contains(Environment.ProcessId.ToString(), line);
        Assert.Equal("", await stdout);
    }

    [Fact]
    public void The_owner_of_a_process_started_as_another_user_is_that_user()
    {
        if (!CanSwitchUser) return;
        using var sleep = Process.Start(new ProcessStartInfo("/usr/sbin/runuser", ["-u", OtherUser, "--", "sleep", "30"]) { UseShellExecute = false })!;
        try
        {
            // runuser forks the command as a child: the sleeping process is runuser's child (or runuser itself after exec).
            int? uid = null;
            var clock = Stopwatch.StartNew();
            while (uid is not 65534 && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                uid = Monitor.Diagnostics.Sources.OsThreads.ProcessTree.Descendants(sleep.Id).Append(sleep.Id)
                    .Select(ProcessOwner.EffectiveUid).FirstOrDefault(u => u is not null and not 0);
                Thread.Sleep(50);
            }
            Assert.Equal(65534, uid);
            Assert.Equal(0, ProcessOwner.Current());
            // Root may attach to anyone: the check only refuses when Monitor itself is not root.
            Assert.False(ProcessOwner.IsForeign(sleep.Id));
        }
        finally
        {
            sleep.Kill(entireProcessTree: true);
        }
    }
}

namespace Monitor.Tests.Reliability;

/// <summary>
/// The sockets through which a runtime can be controlled are open to their owner only: Monitor's private directory
/// is 0700 and owned by the user running Monitor, and no diagnostic socket of Monitor or its workers is writable
/// (so connectable) by group or others.
/// </summary>
[Collection(TimingSensitive.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SocketPermissionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    [Fact]
    public async Task The_private_directory_is_0700_and_no_diagnostic_socket_is_writable_by_others()
    {
        using var monitor = BackgroundMonitor.Start("run", "--mode", "processes", "--workers", "2", "--n", "1e13", "--json", "--interval", "200");
        var workers = await monitor.WaitForWorkersAsync(2, Bound);
        await monitor.WaitForStdoutAsync(l => l.Contains("\"type\":\"snapshot\""), "a snapshot", Bound);

        string directory = Assert.Single(Leftovers.PrivateDirectoriesOf(monitor.Pid));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        Assert.Equal(Monitor.Diagnostics.Sources.EventPipe.ProcessOwner.Current(), OwnerOf(directory));

        var sockets = Directory.GetFiles(directory)
            .Concat(workers.Append(monitor.Pid).SelectMany(pid => Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{pid}-*-socket")))
            .ToList();
        Assert.True(sockets.Count >= 5, $"expected 2 port sockets and 3 default sockets, found: {string.Join(", ", sockets)}");
        Assert.All(sockets, s => Assert.True((File.GetUnixFileMode(s) & GroupOrOtherWrite) == 0, $"{s} is {File.GetUnixFileMode(s)}"));
    }

    private static int OwnerOf(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("stat") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", "%u", path }) start.ArgumentList.Add(a);
        using var stat = System.Diagnostics.Process.Start(start)!;
        string uid = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return int.Parse(uid.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

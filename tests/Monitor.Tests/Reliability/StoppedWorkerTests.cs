using System.Diagnostics;
using Monitor.Runners;
using Monitor.Tests.Cli;
using Monitor.Tests.Diagnostics.OsThreads;
using Xunit.Abstractions;

namespace Monitor.Tests.Reliability;

/// <summary>
/// Workers die with Monitor even when they are stopped (SIGSTOP, Ctrl+Z), and Monitor's private socket directory goes
/// even when a worker that finished earlier left its socket in it: the kernel wakes a stopped worker when its parent
/// dies (PR_SET_PDEATHSIG with SIGCONT), and an orphan removes every socket of the dead Monitor's directory. A directory
/// no worker was left to remove is removed by the next Monitor.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class StoppedWorkerTests(ITestOutputHelper output)
{
    private const int SIGSTOP = 19;
    private const int SIGCONT = 18;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [LinuxTheory]
    [InlineData("dotnet", "processes")]
    [InlineData("dotnet", "threads")]
    [InlineData("python", "processes")]
    public async Task Stopped_workers_end_with_a_SIGKILLed_monitor_and_leave_no_socket(string runtime, string mode)
    {
        if (runtime == "python" && PythonWorkerLauncher.FindInterpreter() is null) return;
        using var monitor = BackgroundMonitor.Start("run", "--runtime", runtime, "--mode", mode, "--workers", "2", "--n", "1e13", "--json", "--interval", "200");
        int expected = runtime == "python" && mode == "processes" ? 3 : mode == "processes" ? 2 : 1;
        var workers = await monitor.WaitForWorkersAsync(expected, Bound);
        await monitor.WaitForStdoutAsync(l => l.Contains("\"type\":\"snapshot\""), "a snapshot", Bound);

        try
        {
            foreach (int pid in workers) PosixSignals.Send(pid, SIGSTOP);
            Assert.All(workers, pid => WaitForState(pid, 'T'));
            monitor.Signal(PosixSignals.SIGKILL);
            await monitor.WaitForExitAsync(Bound);
            var (elapsed, processes, sockets) = await Leftovers.WaitUntilGoneAsync(monitor.Pid, workers, Bound);

            output.WriteLine($"{runtime} {mode}: stopped workers and sockets gone {elapsed.TotalSeconds:0.00} s after Monitor was killed");
            Assert.True(processes.Count == 0, $"still there (stopped?): {string.Join(", ", processes.Select(p => $"{p} {State(p)}"))}");
            Assert.True(sockets.Count == 0, $"left behind: {string.Join(", ", sockets)}");
            Assert.True(elapsed < TimeSpan.FromSeconds(10), $"took {elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            // Whatever happened, nothing stays stopped for good.
            foreach (int pid in workers) TrySend(pid, SIGCONT);
        }
    }

    /// <summary>
    /// A worker that ended before Monitor was killed leaves its socket in Monitor's private directory (Monitor removes
    /// it a moment after the worker exits; killed in that moment, it cannot), and the directory used to stay: an orphan
    /// only removed it when empty. Here that socket is put in place by the test, one remaining worker is stopped, and
    /// Monitor is killed: the stopped worker wakes, and the directory goes with every socket in it.
    /// </summary>
    [LinuxFact]
    public async Task The_private_directory_goes_although_a_finished_worker_left_its_socket()
    {
        using var monitor = BackgroundMonitor.Start("run", "--mode", "processes", "--workers", "2", "--n", "1e13", "--json", "--interval", "200");
        var workers = await monitor.WaitForWorkersAsync(2, Bound);
        await monitor.WaitForStdoutAsync(l => l.Contains("\"type\":\"snapshot\""), "a snapshot", Bound);
        try
        {
            string directory = Assert.Single(Leftovers.PrivateDirectoriesOf(monitor.Pid));
            SpecialFiles.MakeStaleSocket(Path.Combine(directory, "w99.sock"));
            PosixSignals.Send(workers[1], SIGSTOP);
            WaitForState(workers[1], 'T');

            monitor.Signal(PosixSignals.SIGKILL);
            await monitor.WaitForExitAsync(Bound);
            var (elapsed, processes, sockets) = await Leftovers.WaitUntilGoneAsync(monitor.Pid, workers, Bound);

            output.WriteLine($"gone {elapsed.TotalSeconds:0.00} s after Monitor was killed");
            Assert.Empty(processes);
            Assert.True(sockets.Count == 0, $"left behind: {string.Join(", ", sockets)}");
        }
        finally
        {
            foreach (int pid in workers) TrySend(pid, SIGCONT);
        }
    }

    [LinuxFact]
    public async Task The_next_monitor_removes_what_a_killed_one_left_and_nothing_else()
    {
        string temp = Path.GetTempPath();
        int dead = SpecialFiles.DeadPid();
        string stale = Path.Combine(temp, $"monitor-{dead}-t3st{Random.Shared.Next(100, 999)}");
        string defaultSocket = Path.Combine(temp, $"dotnet-diagnostic-{dead}-12345-socket");
        string[] debugPipes = [Path.Combine(temp, $"clr-debug-pipe-{dead}-12345-in"), Path.Combine(temp, $"clr-debug-pipe-{dead}-12345-out")];
        // Not Monitor's to judge: a directory of the same name that holds a regular file, and one of a living pid.
        int deadToo = SpecialFiles.DeadPid();
        string foreign = Path.Combine(temp, $"monitor-{deadToo}-n0tm1ne");
        string living = Path.Combine(temp, $"monitor-{Environment.ProcessId}-l1ving");
        try
        {
            Directory.CreateDirectory(stale);
            if (OperatingSystem.IsLinux()) File.SetUnixFileMode(stale, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            SpecialFiles.MakeStaleSocket(Path.Combine(stale, "w1.sock"));
            SpecialFiles.MakeStaleSocket(Path.Combine(stale, "w2.sock"));
            SpecialFiles.MakeStaleSocket(defaultSocket);
            foreach (var pipe in debugPipes) Assert.True(SpecialFiles.MakeFifo(pipe), $"mkfifo {pipe}");
            Directory.CreateDirectory(foreign);
            File.WriteAllText(Path.Combine(foreign, "notes.txt"), "mine");
            Directory.CreateDirectory(living);
            SpecialFiles.MakeStaleSocket(Path.Combine(living, "w1.sock"));

            var run = await MonitorProgram.RunAsync("run", "--mode", "processes", "--workers", "2", "--n", "1e8", "--json");

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.False(Directory.Exists(stale), "the dead Monitor's directory stayed");
            Assert.False(File.Exists(defaultSocket), "the dead Monitor's own socket stayed");
            Assert.All(debugPipes, pipe => Assert.False(File.Exists(pipe), $"the dead Monitor's debugger pipe {pipe} stayed"));
            Assert.True(File.Exists(Path.Combine(foreign, "notes.txt")));
            Assert.True(File.Exists(Path.Combine(living, "w1.sock")));
        }
        finally
        {
            foreach (var path in new[] { stale, foreign, living })
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            }
            File.Delete(defaultSocket);
            foreach (var pipe in debugPipes) File.Delete(pipe);
        }
    }

    private static char? State(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void WaitForState(int pid, char state)
    {
        var clock = Stopwatch.StartNew();
        while (State(pid) != state)
        {
            Assert.True(clock.Elapsed < Bound, $"process {pid} is {State(pid)}, not {state}");
            Thread.Sleep(20);
        }
    }

    private static void TrySend(int pid, int signal)
    {
        try
        {
            PosixSignals.Send(pid, signal);
        }
        catch (InvalidOperationException)
        {
            // Gone already.
        }
    }
}

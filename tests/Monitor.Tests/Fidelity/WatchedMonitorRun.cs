using System.Diagnostics;
using Monitor.Tests.Cli;
using Monitor.Tests.Reliability;

namespace Monitor.Tests.Fidelity;

/// <summary>
/// The built `monitor run ... --json` started by the test itself, its stdout read line by line as it comes. Each
/// snapshot line is handed to <c>onSnapshot</c> on the reading thread the moment it arrives, so the test's own /proc
/// readings come right after Monitor's. The test's clock times the run from launch to the result line. Disposing ends
/// Monitor (SIGTERM, then SIGKILL) and any worker left behind.
/// </summary>
public sealed class WatchedMonitorRun : IDisposable
{
    /// <summary>A hang guard for one run, not a timing.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly Stopwatch _clock;
    private readonly List<string> _lines = new();
    private readonly List<SnapshotLine> _snapshots = new();
    private readonly List<string> _stderr = new();
    private readonly Action<SnapshotLine>? _onSnapshot;
    private readonly TaskCompletionSource<SnapshotLine> _firstSnapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reader;
    private readonly Task _errorReader;
    private Exception? _observerFailure;

    private WatchedMonitorRun(Process process, Stopwatch clock, Action<SnapshotLine>? onSnapshot)
    {
        _process = process;
        _clock = clock;
        _onSnapshot = onSnapshot;
        _reader = Task.Run(ReadStdoutAsync);
        _errorReader = Task.Run(async () =>
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_stderr) _stderr.Add(line);
            }
        });
    }

    /// <param name="args">the arguments after `monitor`.</param>
    /// <param name="onSnapshot">called with each snapshot as soon as its line arrives.</param>
    /// <param name="ownSession">start Monitor in a session and process group of its own (via setsid), as a shell with
    /// job control starts a foreground job: a signal to that group then reaches Monitor and its workers, not the test
    /// host.</param>
    /// <param name="restoreSigint">start Monitor with SIGINT at its default disposition even when the test host
    /// ignores it (as it does when started as a background job without job control).</param>
    /// <param name="environment">variables to set for Monitor only.</param>
    public static WatchedMonitorRun Start(
        IEnumerable<string> args, Action<SnapshotLine>? onSnapshot = null, bool ownSession = false, bool restoreSigint = false,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var command = new List<string>();
        if (ownSession) command.Add("setsid"); // execs in place (the test host's child is no group leader): same pid
        if (restoreSigint && ProcReadings.IgnoresSignal(Environment.ProcessId, PosixSignals.SIGINT))
        {
            command.AddRange(["perl", "-e", "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"exec: $!\""]);
        }
        command.Add(MonitorProgram.Path);
        command.AddRange(args);

        var start = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in command.Skip(1)) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("monitor did not start");
        process.StandardInput.Close();
        return new WatchedMonitorRun(process, clock, onSnapshot);
    }

    public int Pid => _process.Id;

    public IReadOnlyList<string> Lines { get { lock (_lines) return _lines.ToArray(); } }

    public IReadOnlyList<SnapshotLine> Snapshots { get { lock (_lines) return _snapshots.ToArray(); } }

    public ResultLine? Result { get; private set; }

    /// <summary>The test's clock from launching Monitor to reading its result line.</summary>
    public TimeSpan? ResultArrivedAfter { get; private set; }

    public IReadOnlyList<string> StderrLines { get { lock (_stderr) return _stderr.ToArray(); } }

    public Task<SnapshotLine> FirstSnapshot => _firstSnapshot.Task;

    private async Task ReadStdoutAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (JsonLines.IsSnapshot(line))
                {
                    var snapshot = JsonLines.Snapshot(line);
                    try
                    {
                        _onSnapshot?.Invoke(snapshot);
                    }
                    catch (Exception e)
                    {
                        _observerFailure ??= e;
                    }
                    lock (_lines)
                    {
                        _lines.Add(line);
                        _snapshots.Add(snapshot);
                    }
                    _firstSnapshot.TrySetResult(snapshot);
                }
                else
                {
                    if (JsonLines.IsResult(line))
                    {
                        ResultArrivedAfter = _clock.Elapsed;
                        Result = JsonLines.Result(line);
                    }
                    lock (_lines) _lines.Add(line);
                }
            }
        }
        finally
        {
            _firstSnapshot.TrySetException(new InvalidOperationException("monitor's stdout ended before a snapshot"));
        }
    }

    /// <summary>Waits for Monitor's exit and the end of its output; returns the exit code. Rethrows what the snapshot
    /// observer threw.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? bound = null)
    {
        using var guard = new CancellationTokenSource(bound ?? Bound);
        try
        {
            await _process.WaitForExitAsync(guard.Token);
            await _reader.WaitAsync(guard.Token);
            await _errorReader.WaitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"monitor did not end within {bound ?? Bound}:\n{this}");
        }
        if (_observerFailure is not null) throw new InvalidOperationException("reading /proc beside a snapshot failed", _observerFailure);
        return _process.ExitCode;
    }

    /// <summary>Runs Monitor to its end and returns it; fails with its output unless it exited 0 with a result line.</summary>
    public static async Task<WatchedMonitorRun> CompleteAsync(
        IEnumerable<string> args, Action<SnapshotLine>? onSnapshot = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var run = Start(args, onSnapshot, environment: environment);
        try
        {
            int code = await run.WaitForExitAsync();
            Assert.True(code == 0 && run.Result is not null, $"exit {code}\n{run}");
            Assert.True(run.Snapshots.Count > 0, $"no snapshot\n{run}");
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    public void Signal(int signal) => PosixSignals.Send(Pid, signal);

    /// <summary>Signals Monitor's whole process group (Monitor started with <c>ownSession</c>), as a terminal's Ctrl+C does.</summary>
    public void SignalGroup(int signal) => PosixSignals.Send(-Pid, signal);

    public override string ToString() =>
        $"monitor pid {Pid}\nstdout (last lines):\n{string.Join('\n', Lines.TakeLast(3))}\nstderr:\n{string.Join('\n', StderrLines)}";

    public void Dispose() => Leftovers.EndMonitor(_process);
}

using Monitor.Sessions;
using Monitor.Recording;
using Monitor.Runners;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Sessions.Comparison;

/// <summary>
/// Runs the comparison matrix (single; threads, processes and gil with K workers; per runtime) one run after
/// another, each observed like `monitor run`. Before the rows it measures the machine's capacity and one thread's
/// rate per runtime (which also picks N auto). With repeats, every row is run once per round, rows interleaved, so
/// a drift in the machine's load hits every row alike. Shared by `monitor compare` and the UI's compare key: the
/// events say what happens as it happens (raised on the matrix's own thread; a UI marshals them to its loop).
/// </summary>
public sealed class ComparisonMatrix(ComparisonSettings settings)
{
    /// <summary>How long one thread's rate is measured, per runtime.</summary>
    public static readonly TimeSpan RateDuration = TimeSpan.FromMilliseconds(600);

    public static readonly TimeSpan SnapshotInterval = TimeSpan.FromSeconds(1);

    public ComparisonSettings Settings { get; } = settings;

    /// <summary>Recordings the rows' runs go into (the UI's, while it records); null: none.</summary>
    public RecorderSwitch? Recording { get; init; }

    /// <summary>The rows' sessions also sample stacks (a UI recording asked for them).</summary>
    public bool SampleStacks { get; init; }

    /// <summary>The time line the rows' snapshots count T on (the UI's); null: each row's own, from its start.</summary>
    public long? TimeOrigin { get; init; }

    /// <summary>A short status line: what is being measured now.</summary>
    public event Action<string>? Progress;

    public event Action<MachineCapacity>? CapacityMeasured;

    /// <summary>A row has been run (again): its figures so far (medians over <see cref="ComparisonRow.Repeats"/> runs).</summary>
    public event Action<ComparisonRow>? RowMeasured;

    /// <summary>Live snapshots of the run in progress, as `monitor run` produces them.</summary>
    public event Action<Snapshot>? SnapshotTaken;

    /// <summary>Runs the whole matrix. Throws <see cref="OperationCanceledException"/> when cancelled (the run in
    /// progress is ended first).</summary>
    public async Task<ComparisonReport> RunAsync(CancellationToken cancel)
    {
        if (Settings.Validate() is { } error) throw new ArgumentException(error, nameof(Settings));
        var notes = new List<string>();
        var runtimes = Settings.Runtimes.Distinct().ToList();
        if (runtimes.Contains(WorkerRuntime.Python) && PythonWorkerLauncher.FindInterpreter() is null)
        {
            runtimes.Remove(WorkerRuntime.Python);
            notes.Add(new PythonNotFoundException().Message);
        }

        Progress?.Invoke($"measuring the machine: {Settings.Workers} busy workers at once against one");
        var capacity = await MachineCapacity.MeasureAsync(Settings.Workers, cancel).ConfigureAwait(false);
        CapacityMeasured?.Invoke(capacity);
        var rates = new Dictionary<WorkerRuntime, SingleThreadRate>();
        // Alongside the rate measurements (one busy thread): otherwise the first row's runs (the single row) pay for
        // compiling Monitor's observation code on the CPUs they compute on.
        Task warmUp = Settings.Diagnostics == DiagnosticsLevel.Full && runtimes.Contains(WorkerRuntime.Dotnet)
            ? ObservationWarmUp.RunAsync(cancel)
            : Task.CompletedTask;
        foreach (var runtime in runtimes.ToArray())
        {
            Progress?.Invoke($"measuring one {Name(runtime)} thread's rate");
            try
            {
                rates[runtime] = new SingleThreadRate(await Calibration.MeasureSingleThreadRateAsync(RateDuration, cancel, runtime).ConfigureAwait(false));
            }
            catch (PythonNotFoundException e)
            {
                runtimes.Remove(runtime);
                notes.Add(e.Message);
            }
        }
        await warmUp.ConfigureAwait(false);

        var specs = runtimes.SelectMany(r => ComparisonRowSpec.MatrixFor(r, Settings.Workers)).ToArray();
        var n = runtimes.ToDictionary(r => r, r => Settings.N ?? Calibration.AutoN(rates[r].Calibrated, Settings.Work, r));
        var runs = specs.ToDictionary(s => s, _ => new List<RowMeasurement>());
        var rows = specs.ToDictionary(s => s, s => (ComparisonRow?)null);
        for (int round = 1; round <= Settings.Repeat; round++)
        {
            foreach (var spec in specs.Where(s => !s.IsAlias))
            {
                cancel.ThrowIfCancellationRequested();
                string repeat = Settings.Repeat > 1 ? $", run {round} of {Settings.Repeat}" : "";
                Progress?.Invoke($"{spec} (N = {n[spec.Runtime]:N0}{repeat})");
                var measured = await MeasureAsync(spec, n[spec.Runtime], rates[spec.Runtime], cancel).ConfigureAwait(false);
                runs[spec].Add(measured);
                cancel.ThrowIfCancellationRequested();
                foreach (var shown in specs.Where(s => s.Runtime == spec.Runtime && (s == spec || s.MeasuredAs == spec.Mode && s.IsAlias)))
                {
                    var row = RowOf(shown, runs[specs.First(s => s.Runtime == shown.Runtime && s.Mode == shown.MeasuredAs)], n, rows);
                    rows[shown] = row;
                    RowMeasured?.Invoke(row);
                }
            }
        }
        // Each runtime's rate as the rows left it: raised wherever a worker thread did more per CPU second.
        var finalRates = rates.ToDictionary(r => r.Key, r => r.Value.Value);
        return new ComparisonReport(DateTimeOffset.Now, Settings, capacity, finalRates, specs.Select(s => rows[s]!).ToArray(), notes);
    }

    private ComparisonRow RowOf(ComparisonRowSpec spec, IReadOnlyList<RowMeasurement> measured, Dictionary<WorkerRuntime, long> n,
        Dictionary<ComparisonRowSpec, ComparisonRow?> rows)
    {
        var single = spec.Mode == RunMode.Single ? null : rows.FirstOrDefault(r => r.Key.Runtime == spec.Runtime && r.Key.Mode == RunMode.Single).Value;
        return ComparisonRow.Of(spec, n[spec.Runtime], Settings.Work, Settings.SwitchMs, measured.ToArray(), single);
    }

    private async Task<RowMeasurement> MeasureAsync(ComparisonRowSpec row, long n, SingleThreadRate rate, CancellationToken cancel)
    {
        var spec = new WorkloadSpec(row.MeasuredAs, row.Workers, n, Settings.Work, Settings.SwitchMs, Settings.LockBlock, row.Runtime);
        var meter = OtherLoadMeter.Start();
        await using var observation = new Observation(Settings.Diagnostics, SnapshotInterval, rate, SampleStacks, recording: Recording, timeOrigin: TimeOrigin);
        observation.Sinks.Add(new SnapshotRelay(s => SnapshotTaken?.Invoke(s)));
        var observed = await observation.RunToEndAsync(spec, null, cancel).ConfigureAwait(false);
        double? others = observed.CpuMs is { } workersCpu ? meter?.OthersPercent(workersCpu) : null;
        return new RowMeasurement(observed, others);
    }

    private static string Name(WorkerRuntime runtime) => runtime == WorkerRuntime.Dotnet ? "dotnet" : "python";
}

using System.CommandLine;
using Monitor.Cli.Hosting;
using Monitor.Runners;
using Monitor.Workloads;

namespace Monitor.Cli.Commands;

/// <summary>The options that describe a workload, shared by every command that runs one.</summary>
public sealed class WorkloadOptions
{
    public Option<string> Mode { get; } = new("--mode", "-m") { Description = "single | threads | processes | gil", DefaultValueFactory = _ => "threads" };
    public Option<string?> Workers { get; } = new("--workers", "-k") { Description = "worker threads or processes (default: logical CPUs; 1 for single)" };
    // System.CommandLine's help keeps one of aliases that differ only by prefix (shows "-n", hides "--n", the
    // documented spelling): the description names both.
    public Option<string> N { get; } = new("--n", "-n") { Description = "(--n or -n) sum 0..N-1: 100000000, 100_000_000, 1e8, or auto (~10 s single-threaded here)", DefaultValueFactory = _ => "auto" };
    public Option<string> Work { get; } = new("--work") { Description = "cpu | io (each chunk also blocks on simulated I/O)", DefaultValueFactory = _ => "cpu" };
    public Option<string> SwitchMs { get; } = new("--switch-ms") { Description = "gil: switch interval in ms; 0 = lock around every --lock-block iterations", DefaultValueFactory = _ => WorkerOptions.DefaultSwitchMs.ToString() };
    public Option<string> LockBlock { get; } = new("--lock-block") { Description = "gil --switch-ms 0: iterations per lock hold", DefaultValueFactory = _ => WorkerOptions.DefaultLockBlock.ToString() };

    public Option<string> Runtime { get; } = new("--runtime") { Description = "dotnet | python (the machine's python3 runs the seed's own experiment)", DefaultValueFactory = _ => "dotnet" };

    /// <summary>K when not given: the logical CPUs, and at least 2 so the modes differ.</summary>
    public static int DefaultWorkers => Math.Max(2, Environment.ProcessorCount);

    public void AddTo(Command command, bool withRuntime = true)
    {
        foreach (var o in new Option[] { Mode, Workers, N, Work, SwitchMs, LockBlock }) command.Options.Add(o);
        if (withRuntime) command.Options.Add(Runtime);
    }

    public static WorkerRuntime ParseRuntime(string text) => text.ToLowerInvariant() switch
    {
        "dotnet" => WorkerRuntime.Dotnet,
        "python" => WorkerRuntime.Python,
        _ => throw new UsageException($"unknown runtime '{text}': use dotnet or python"),
    };

    /// <summary>Validated values; N is null for auto. Throws <see cref="UsageException"/>.</summary>
    public (WorkloadSpec Spec, bool AutoN) Read(ParseResult parse)
    {
        var runtime = parse.GetResult(Runtime) is null ? WorkerRuntime.Dotnet : ParseRuntime(parse.GetValue(Runtime)!);
        string modeText = parse.GetValue(Mode)!;
        if (!RunModeNames.TryParse(modeText, out var mode))
            throw new UsageException($"unknown mode '{modeText}': use single, threads, processes or gil");
        var work = ReadWork(parse);
        int workers = ReadWorkers(parse, mode);
        long? n = ReadN(parse);
        var spec = new WorkloadSpec(mode, workers, n ?? 1, work, ReadSwitchMs(parse), ReadLockBlock(parse), runtime);
        if (spec.Validate() is { } error) throw new UsageException(error);
        return (spec, n is null);
    }

    public WorkKind ReadWork(ParseResult parse)
    {
        string workText = parse.GetValue(Work)!;
        if (!WorkKindNames.TryParse(workText, out var work))
            throw new UsageException($"unknown work '{workText}': use cpu or io");
        return work;
    }

    /// <summary>N, or null for auto.</summary>
    public long? ReadN(ParseResult parse) => NumberParser.ParseN(parse.GetValue(N)!);

    public int ReadSwitchMs(ParseResult parse) =>
        (int)Math.Clamp(NumberParser.ParseCount(parse.GetValue(SwitchMs)!, "--switch-ms"), int.MinValue, int.MaxValue);

    public long ReadLockBlock(ParseResult parse) => NumberParser.ParseCount(parse.GetValue(LockBlock)!, "--lock-block");

    /// <summary>K for <paramref name="mode"/>: the option's value checked against the mode's limits, or the default.</summary>
    public int ReadWorkers(ParseResult parse, RunMode mode)
    {
        string? text = parse.GetValue(Workers);
        if (text is null) return mode == RunMode.Single ? 1 : DefaultWorkers;
        long k = NumberParser.ParseCount(text, "--workers");
        int max = WorkloadLimits.MaxWorkers(mode);
        if (mode == RunMode.Single && k != 1) throw new UsageException($"mode single runs exactly 1 worker (got --workers {text}); use threads, processes or gil for more");
        if (k < 1) throw new UsageException($"--workers must be at least 1 (got {text})");
        if (k > max) throw new UsageException($"mode {mode.Name()} allows at most {max} workers (got {text})");
        return (int)k;
    }
}

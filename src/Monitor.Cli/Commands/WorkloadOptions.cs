using System.CommandLine;
using Monitor.Cli.Hosting;
using Monitor.Model;

namespace Monitor.Cli.Commands;

/// <summary>The options that describe a workload, shared by every command that runs one.</summary>
public sealed class WorkloadOptions
{
    public DefaultedOption<RunMode> Mode { get; } = TypedOption.Word("--mode", "mode", RunMode.Threads, "how the sum is run", "-m");

    public Option<long?> Workers { get; } = TypedOption.OptionalWholeNumber("--workers",
        $"1..{WorkloadLimits.MaxThreads} threads or 1..{WorkloadLimits.MaxProcesses} processes", $"worker threads or processes (default: logical CPUs, at least 2; 1 for single; at most {WorkloadLimits.MaxThreads} threads or {WorkloadLimits.MaxProcesses} processes)", "-k");

    public Option<long?> N { get; } = TypedOption.N("-n");

    public DefaultedOption<WorkKind> Work { get; } = TypedOption.Word("--work", "work", WorkKind.Cpu, "each chunk of the sum only adds, or also blocks on simulated I/O");

    public Option<long?> SwitchMs { get; } = TypedOption.OptionalWholeNumber("--switch-ms",
        $"0..{WorkloadLimits.MaxSwitchMs} ms", $"gil: switch interval in ms, 0..{WorkloadLimits.MaxSwitchMs}; 0 = lock around every --lock-block iterations (default {WorkloadLimits.DefaultSwitchMs})");

    public Option<long?> LockBlock { get; } = TypedOption.OptionalWholeNumber("--lock-block",
        $"1..{WorkloadLimits.MaxLockBlock:N0} iterations", $"gil --switch-ms 0: iterations per lock hold, 1..{WorkloadLimits.MaxLockBlock:0e0} (default {WorkloadLimits.DefaultLockBlock})");

    public DefaultedOption<WorkerRuntime> Runtime { get; } = TypedOption.Word("--runtime", "runtime", WorkerRuntime.Dotnet, "python: the machine's python3 runs the seed's own experiment");

    public void AddTo(Command command, bool withRuntime = true)
    {
        foreach (var o in new Option[] { Mode, Workers, N, Work, SwitchMs, LockBlock }) command.Options.Add(o);
        if (withRuntime) command.Options.Add(Runtime);
    }

    /// <summary>Validated values; AutoN when N is to be calibrated. Throws <see cref="UsageException"/>.</summary>
    public (WorkloadSpec Spec, bool AutoN) Read(ParseResult parse)
    {
        var mode = Mode.ValueIn(parse);
        long? n = parse.GetValue(N);
        var spec = new WorkloadSpec(mode, WorkersOf(parse, mode), n ?? 1, Work.ValueIn(parse), SwitchMsOf(parse), LockBlockOf(parse),
            Runtime.ValueIn(parse));
        if (spec.Validate() is { } error) throw new UsageException(error);
        return (spec, n is null);
    }

    /// <summary>K for <paramref name="mode"/>: the option's value (checked against the mode's limits by the spec), or
    /// the default.</summary>
    public int WorkersOf(ParseResult parse, RunMode mode) =>
        parse.GetValue(Workers) is { } k ? (int)Math.Clamp(k, int.MinValue, int.MaxValue)
            : mode == RunMode.Single ? 1 : WorkloadLimits.DefaultWorkers;

    public int SwitchMsOf(ParseResult parse) => (int)Math.Clamp(parse.GetValue(SwitchMs) ?? WorkloadLimits.DefaultSwitchMs, int.MinValue, int.MaxValue);

    public long LockBlockOf(ParseResult parse) => parse.GetValue(LockBlock) ?? WorkloadLimits.DefaultLockBlock;
}

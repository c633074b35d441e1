using System.CommandLine;
using Monitor.Cli.Comparison;
using Monitor.Cli.Hosting;
using Monitor.Cli.Sessions;
using Monitor.Cli.Sinks.Comparison;
using Monitor.Runners;
using Monitor.Workloads;

namespace Monitor.Cli.Commands;

/// <summary>`monitor compare`: the matrix of modes (and runtimes) one run after another, printed as one table.</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var workload = new WorkloadOptions();
        var runtime = new Option<string>("--runtime") { Description = "dotnet | python | both (python rows are skipped with a note where there is no python3)", DefaultValueFactory = _ => "both" };
        var format = new Option<string>("--format") { Description = "table | markdown | csv | json", DefaultValueFactory = _ => "table" };
        var repeat = new Option<string>("--repeat") { Description = "runs per row, interleaved; the table shows the median and min–max", DefaultValueFactory = _ => "1" };
        var diagnostics = new Option<string>("--diagnostics") { Description = "full (EventPipe + OS sampler) | os | none", DefaultValueFactory = _ => "full" };
        var command = new Command("compare", "Run single, threads, processes and gil one after another and print one table.");
        foreach (var o in new Option[] { workload.Workers, workload.N, workload.Work, runtime, format, repeat, workload.SwitchMs, workload.LockBlock, diagnostics })
        {
            command.Options.Add(o);
        }
        command.SetAction((parse, cancel) =>
        {
            var writer = ComparisonFormats.Parse(parse.GetValue(format)!);
            long repeats = NumberParser.ParseCount(parse.GetValue(repeat)!, "--repeat");
            if (repeats < 1 || repeats > ComparisonSettings.MaxRepeat)
                throw new UsageException($"--repeat must be 1..{ComparisonSettings.MaxRepeat} (got {parse.GetValue(repeat)})");
            var settings = new ComparisonSettings(
                workload.ReadWorkers(parse, RunMode.Threads),
                workload.ReadN(parse),
                workload.ReadWork(parse),
                ParseRuntimes(parse.GetValue(runtime)!),
                (int)repeats,
                workload.ReadSwitchMs(parse),
                workload.ReadLockBlock(parse),
                DiagnosticsLevels.Parse(parse.GetValue(diagnostics)!));
            if (settings.Validate() is { } error) throw new UsageException(error);
            return ExecuteAsync(settings, writer, Console.Out, cancel);
        });
        return command;
    }

    public static IReadOnlyList<WorkerRuntime> ParseRuntimes(string text) => text.ToLowerInvariant() switch
    {
        "both" => [WorkerRuntime.Dotnet, WorkerRuntime.Python],
        "dotnet" => [WorkerRuntime.Dotnet],
        "python" => [WorkerRuntime.Python],
        _ => throw new UsageException($"unknown runtime '{text}': use dotnet, python or both"),
    };

    public static async Task<int> ExecuteAsync(ComparisonSettings settings, IComparisonWriter writer, TextWriter output, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, AppLifetime.Stopping);
        var matrix = new ComparisonMatrix(settings);
        // A comparison takes a minute or more: say what is running, on the terminal only, never into the output.
        if (!Console.IsErrorRedirected) matrix.Progress += status => Console.Error.WriteLine($"monitor: {status}");
        try
        {
            var report = await matrix.RunAsync(stop.Token);
            writer.Write(report, output);
            output.Flush();
            return report.AllCorrect ? ExitCodes.Ok : ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
    }
}

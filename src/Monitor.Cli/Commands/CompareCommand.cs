using System.CommandLine;
using Monitor.Sessions.Comparison;
using Monitor.Cli.Hosting;
using Monitor.Sessions;
using Monitor.Cli.Sinks.Comparison;
using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Cli.Commands;

/// <summary>`monitor compare`: the matrix of modes (and runtimes) one run after another, printed as one table.</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var workload = new WorkloadOptions();
        var runtime = TypedOption.Word("--runtime", "runtime", CompareRuntimes.Both, "python rows are skipped with a note where there is no python3");
        var format = TypedOption.Word("--format", "format", ComparisonFormat.Table, "how the table is printed");
        var repeat = TypedOption.WholeNumber("--repeat", 1, ComparisonSettings.MaxRepeat, 1, "runs per row, interleaved; the table shows the median and min–max");
        var diagnostics = DiagnosticsOption.Create();
        var command = new Command("compare", "Run single, threads, processes and gil one after another and print one table.");
        foreach (var o in new Option[] { workload.Workers, workload.N, workload.Work, runtime, format, repeat, workload.SwitchMs, workload.LockBlock, diagnostics })
        {
            command.Options.Add(o);
        }
        command.SetAction((parse, cancel) =>
        {
            var writer = ComparisonFormats.WriterFor(format.ValueIn(parse));
            var settings = new ComparisonSettings(
                workload.WorkersOf(parse, RunMode.Threads),
                parse.GetValue(workload.N),
                workload.Work.ValueIn(parse),
                RuntimesOf(runtime.ValueIn(parse)),
                (int)repeat.ValueIn(parse),
                workload.SwitchMsOf(parse),
                workload.LockBlockOf(parse),
                diagnostics.ValueIn(parse));
            if (settings.Validate() is { } error) throw new UsageException(error);
            return ExecuteAsync(settings, writer, Console.Out, cancel);
        });
        return command;
    }

    /// <summary>What `--runtime` of compare may say: one runtime or both.</summary>
    public enum CompareRuntimes { Dotnet, Python, Both }

    public static IReadOnlyList<WorkerRuntime> RuntimesOf(CompareRuntimes runtimes) => runtimes switch
    {
        CompareRuntimes.Dotnet => [WorkerRuntime.Dotnet],
        CompareRuntimes.Python => [WorkerRuntime.Python],
        _ => [WorkerRuntime.Dotnet, WorkerRuntime.Python],
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

using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Sessions.Comparison;

/// <summary>One line of the matrix: a mode, a runtime and its worker count.</summary>
public sealed record ComparisonRowSpec(RunMode Mode, WorkerRuntime Runtime, int Workers)
{
    /// <summary>What is actually run. Python's gil row is its threads row: CPython's threads already share a real
    /// GIL, so there is nothing to emulate.</summary>
    public RunMode MeasuredAs => Runtime == WorkerRuntime.Python && Mode == RunMode.Gil ? RunMode.Threads : Mode;

    /// <summary>True for a row that shows another row's runs under its own name.</summary>
    public bool IsAlias => MeasuredAs != Mode;

    public string Label => IsAlias ? $"{Mode.Name()} (= {MeasuredAs.Name()})" : Mode.Name();

    public string RuntimeName => Runtime == WorkerRuntime.Dotnet ? "dotnet" : "python";

    public override string ToString() => Workers == 1 ? $"{RuntimeName} {Label}" : $"{RuntimeName} {Label} ×{Workers}";

    /// <summary>The matrix for one runtime, in the order it is run: single first, as every speed-up refers to it.</summary>
    public static IReadOnlyList<ComparisonRowSpec> MatrixFor(WorkerRuntime runtime, int workers) =>
    [
        new(RunMode.Single, runtime, 1),
        new(RunMode.Threads, runtime, workers),
        new(RunMode.Processes, runtime, workers),
        new(RunMode.Gil, runtime, workers),
    ];
}

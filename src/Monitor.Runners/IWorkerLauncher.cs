using System.Diagnostics;
using Monitor.Model;

namespace Monitor.Runners;

/// <summary>Turns a spec into the worker processes to start, for one runtime.</summary>
public interface IWorkerLauncher
{
    /// <summary>The processes to start; each reports the workers in <see cref="PlannedProcess.Workers"/>.</summary>
    IReadOnlyList<PlannedProcess> Plan(WorkloadSpec spec);

    /// <summary>True for .NET workers, which EventPipe can observe.</summary>
    bool IsDotnet { get; }
}

public sealed record PlannedProcess(ProcessStartInfo StartInfo, IReadOnlyList<WorkerState> Workers);

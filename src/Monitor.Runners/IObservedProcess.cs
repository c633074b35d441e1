using Monitor.Model;

namespace Monitor.Runners;

/// <summary>A process Monitor started for a run, as <see cref="IObservedRun"/> gives it.</summary>
public interface IObservedProcess
{
    int Pid { get; }

    /// <summary>CPU time and peak memory as reported by this process and any children it made, each as its last line.</summary>
    IReadOnlyCollection<WorkerUsage> Usage { get; }
}

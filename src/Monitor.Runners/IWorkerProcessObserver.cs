using System.Diagnostics;

namespace Monitor.Runners;

/// <summary>
/// Lets diagnostics take part in starting a worker without the runner knowing about them: before the start it may
/// change the environment (a diagnostic port that makes the runtime wait), after it, attach and let the worker go.
/// </summary>
public interface IWorkerProcessObserver
{
    IWorkerProcessAttachment? Prepare(ProcessStartInfo start);
}

public interface IWorkerProcessAttachment
{
    /// <summary>Called once the process has started; returns when the worker may run (resumed if it was held).</summary>
    Task AttachAsync(Process process, CancellationToken cancel);
}

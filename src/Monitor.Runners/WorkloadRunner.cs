using System.Diagnostics;
using Monitor.Model;

namespace Monitor.Runners;

/// <summary>Starts a validated spec's worker processes and supervises them until the result is known.</summary>
public static class WorkloadRunner
{
    public static IWorkerLauncher LauncherFor(WorkerRuntime runtime) => runtime switch
    {
        WorkerRuntime.Python => new PythonWorkerLauncher(),
        _ => new DotnetWorkerLauncher(),
    };

    /// <summary>Starts the run and returns once every worker process is running (attached and resumed when an
    /// observer holds them at start). <paramref name="launcher"/>: the spec's runtime's unless given.</summary>
    public static async Task<WorkloadRun> StartAsync(WorkloadSpec spec, IWorkerProcessObserver? observer = null, CancellationToken cancel = default,
        IWorkerLauncher? launcher = null)
    {
        if (spec.Validate() is { } error) throw new ArgumentException(error, nameof(spec));
        launcher ??= LauncherFor(spec.Runtime);
        var planned = launcher.Plan(spec);
        var run = new WorkloadRun(spec, planned.SelectMany(p => p.Workers).OrderBy(w => w.Worker).ToArray());
        var attachments = new List<(IWorkerProcessAttachment Attachment, Process Process)>();
        try
        {
            run.StartClock();
            foreach (var plan in planned)
            {
                var attachment = launcher.IsDotnet ? observer?.Prepare(plan.StartInfo) : null;
                var process = Process.Start(plan.StartInfo) ?? throw new InvalidOperationException("the worker process did not start");
                ChildProcesses.Add(process);
                // An observed worker waits at its start gate until its stdin closes: once its session runs.
                if (attachment is null) process.StandardInput.Close();
                run.Add(new WorkerProcess(process, plan.Workers, run.OnMessage));
                if (attachment is not null) attachments.Add((attachment, process));
            }
            await Task.WhenAll(attachments.Select(async a =>
            {
                await a.Attachment.AttachAsync(a.Process, cancel).ConfigureAwait(false);
                a.Process.StandardInput.Close();
            })).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            foreach (var p in run.Processes) ChildProcesses.Kill(p.Process);
            run.Fail(e);
            throw;
        }
        _ = run.SuperviseAsync().ContinueWith(
            t => run.Fail(t.Exception!.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return run;
    }
}

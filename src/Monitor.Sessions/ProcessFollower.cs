using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Workloads;

namespace Monitor.Sessions;

/// <summary>
/// Finds .NET processes as they come (those that publish a diagnostic socket) and adds those wanted to a
/// <see cref="TargetSet"/>. Each process is looked at once; one that cannot be watched yet (a runtime that has just
/// started may publish its socket before it answers) is tried again at the next scans, up to <see cref="Tries"/> in
/// all, then left alone. <see cref="PassOver"/> may be called while a scan runs.
/// </summary>
public sealed class ProcessFollower
{
    public const int Tries = 3;

    private readonly HashSet<int> _passedOver = [];
    private readonly Dictionary<int, int> _failures = [];

    /// <summary>Leaves <paramref name="pid"/> alone from now on, while it runs (the user stopped watching it).</summary>
    public void PassOver(int pid)
    {
        lock (_passedOver) _passedOver.Add(pid);
    }

    private bool PassedOver(int pid)
    {
        lock (_passedOver) return _passedOver.Contains(pid);
    }

    private void LookAgain(int pid)
    {
        lock (_passedOver) _passedOver.Remove(pid);
    }

    /// <summary>One scan: returns the processes added. <paramref name="note"/> hears of a process left alone.</summary>
    public async Task<IReadOnlyList<DotnetProcessInfo>> ScanAsync(
        TargetSet targets, Func<DotnetProcessInfo, bool> wants, Action<string> note, CancellationToken stop)
    {
        var published = DotnetProcesses.PublishedPids();
        // Pids of processes gone are forgotten, so that a pid used again is looked at again.
        lock (_passedOver) _passedOver.IntersectWith(published);
        foreach (int pid in _failures.Keys.Where(p => !published.Contains(p)).ToArray()) _failures.Remove(pid);
        var added = new List<DotnetProcessInfo>();
        foreach (int pid in published.Where(p => !targets.Contains(p) && !PassedOver(p)).Order().ToArray())
        {
            if (stop.IsCancellationRequested) break;
            PassOver(pid);
            if (DotnetProcesses.Describe(pid) is not { } process || !wants(process)) continue;
            try
            {
                await targets.AddAsync(pid, stop).ConfigureAwait(false);
                LookAgain(pid);
                added.Add(process);
            }
            catch (AttachFailedException e)
            {
                int failed = _failures[pid] = _failures.GetValueOrDefault(pid) + 1;
                if (failed < Tries && e.Reason != AttachFailure.PermissionDenied) LookAgain(pid);
                // One that has gone meanwhile (a short-lived child) is no news.
                else if (ProcessLiveness.IsAlive(pid)) note($"not watching process {pid}: {e.Message}");
            }
        }
        return added;
    }
}

using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Workloads;

namespace Monitor.Sessions;

/// <summary>
/// Finds .NET processes as they come (those that publish a diagnostic socket) and adds those wanted to a
/// <see cref="TargetSet"/>. Each process is looked at once (<see cref="PassedOver"/>: by its endpoint, so a pid reused
/// beside a socket a killed process left is looked at); one that cannot be watched yet (a runtime that has just
/// started may publish its socket before it answers) is tried again at the next scans, up to <see cref="Tries"/> in
/// all, then left alone. <see cref="PassOver"/> may be called while a scan runs.
/// </summary>
public sealed class ProcessFollower
{
    public const int Tries = 3;

    private readonly PassedOver _passedOver = new();
    private readonly Dictionary<int, int> _failures = [];

    /// <summary>Leaves <paramref name="pid"/> alone from now on, while it runs (the user stopped watching it).</summary>
    public void PassOver(int pid) => _passedOver.Add(pid, DotnetProcesses.Published());

    /// <summary>One scan: returns the processes added. <paramref name="note"/> hears of a process left alone.</summary>
    public async Task<IReadOnlyList<DotnetProcessInfo>> ScanAsync(
        TargetSet targets, Func<DotnetProcessInfo, bool> wants, Action<string> note, CancellationToken stop)
    {
        var published = DotnetProcesses.Published();
        // Endpoints gone are forgotten, so that one published again is looked at again.
        _passedOver.KeepOnly(published);
        foreach (int pid in _failures.Keys.Where(p => !published.Any(e => e.Pid == p)).ToArray()) _failures.Remove(pid);
        var added = new List<DotnetProcessInfo>();
        foreach (int pid in _passedOver.ToLookAt(published).Where(p => !targets.Contains(p)).ToArray())
        {
            if (stop.IsCancellationRequested) break;
            _passedOver.Add(pid, published);
            if (DotnetProcesses.Describe(pid) is not { } process || !wants(process)) continue;
            try
            {
                await targets.AddAsync(pid, stop).ConfigureAwait(false);
                _passedOver.Remove(pid);
                added.Add(process);
            }
            catch (AttachFailedException e)
            {
                int failed = _failures[pid] = _failures.GetValueOrDefault(pid) + 1;
                if (failed < Tries && e.Reason != AttachFailure.PermissionDenied) _passedOver.Remove(pid);
                // One that has gone meanwhile (a short-lived child) is no news.
                else if (ProcessLiveness.IsAlive(pid)) note($"not watching process {pid}: {e.Message}");
            }
        }
        return added;
    }
}

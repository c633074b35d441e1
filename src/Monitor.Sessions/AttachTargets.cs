using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Sessions;

/// <summary>
/// The processes `monitor attach` watches: those given or picked in the UI (the chosen ones) and, with --children,
/// the .NET processes found below them as they start. A chosen process that exits keeps its last figures, marked
/// exited; a child that exits is dropped. With --children a process given that is not .NET (a shell script, a
/// supervisor) is only the top of the tree: what it starts is watched, not itself. What happens is said in one line
/// each through the note given at start.
/// </summary>
public sealed class AttachTargets : IAsyncDisposable
{
    /// <summary>How often exits are looked for (sooner when a session ends) and, with --children, new children.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    private readonly Observation _observation;
    private readonly TargetSet _set;
    private readonly bool _children;
    private readonly Action<string> _note;
    private readonly ProcessFollower _follower = new();
    // Guards the sets below; the UI's adds and removes come from other threads than the watching loop.
    private readonly object _gate = new();
    private readonly HashSet<int> _chosen = [];
    private readonly HashSet<int> _treeTops = [];
    private readonly HashSet<int> _exited = [];
    private readonly HashSet<int> _toldRunsOn = [];
    private readonly Dictionary<int, string> _names = [];

    private AttachTargets(Observation observation, TimeSpan interval, bool children, Action<string> note)
    {
        _observation = observation;
        _set = new TargetSet(observation, interval);
        _children = children;
        _note = note;
    }

    /// <summary>Watches every pid of <paramref name="request"/> (and, with --children, the .NET processes below them
    /// now). Each pid is checked before any is attached, so a bad one refuses the whole request before a snapshot
    /// is taken.</summary>
    /// <exception cref="RequestRefusedException">a pid cannot be watched (gone, not .NET, another user's).</exception>
    public static async Task<AttachTargets> StartAsync(Observation observation, AttachRequest request, Action<string> note, CancellationToken stop)
    {
        var targets = new AttachTargets(observation, request.Interval, request.Children, note);
        // The first snapshot lists every process given: none is told while the others are still being attached.
        observation.Muted = true;
        try
        {
            var dotnet = request.Pids.Where(pid => !targets.IsTreeTop(pid)).ToArray();
            foreach (int pid in dotnet) await targets.AddAsync(pid, stop).ConfigureAwait(false);
        }
        catch (AttachFailedException e)
        {
            await targets.DisposeAsync().ConfigureAwait(false);
            throw new RequestRefusedException(e.Message, e);
        }
        finally
        {
            observation.Muted = false;
        }
        if (targets._children) await targets.FollowChildrenAsync(stop).ConfigureAwait(false);
        // Given only processes that are not .NET, nothing attached has started the snapshots: Monitor's own are due.
        observation.StartSnapshots();
        return targets;
    }

    /// <summary>How many processes have a session now (children included).</summary>
    public int Count => _set.Count;

    /// <summary>Whether nothing is left to watch: no session, and no process given whose children are followed.</summary>
    private bool AllGone()
    {
        if (_set.Count > 0) return false;
        lock (_gate) return !_treeTops.Any(ProcessLiveness.IsAlive);
    }

    /// <summary>Checks <paramref name="pid"/> as given; with --children one that is not .NET becomes a top of the tree
    /// (true), said once.</summary>
    /// <exception cref="AttachFailedException">it cannot be watched.</exception>
    private bool IsTreeTop(int pid)
    {
        try
        {
            ExternalProcessSession.ThrowIfCannotAttach(pid);
            return false;
        }
        catch (AttachFailedException e) when (_children && e.Reason == AttachFailure.NotDotnet)
        {
            lock (_gate) _treeTops.Add(pid);
            _note($"process {pid} is not a .NET process: watching the .NET processes it starts");
            return true;
        }
    }

    /// <summary>The processes watched and those that exited while watched, by pid.</summary>
    public IReadOnlyList<TargetChoice> Watched()
    {
        var running = _set.Pids.ToHashSet();
        lock (_gate)
        {
            return [.. running.Concat(_exited).Distinct().Order().Select(pid => new TargetChoice(
                pid, _names.GetValueOrDefault(pid, ""), DotnetProcesses.CommandLine(pid) ?? "",
                _exited.Contains(pid) ? TargetStatus.Exited : _chosen.Contains(pid) ? TargetStatus.Watched : TargetStatus.Child))];
        }
    }

    /// <summary>Watches one more process, as if it had been given.</summary>
    /// <exception cref="AttachFailedException">it cannot be watched.</exception>
    public async Task AddAsync(int pid, CancellationToken cancel)
    {
        string name = ExternalProcessSession.ThrowIfCannotAttach(pid);
        bool exitedBefore;
        lock (_gate) exitedBefore = _exited.Remove(pid);
        // A pid used again by a new process: the old one's figures go first.
        if (exitedBefore) _observation.Forget(pid);
        await _set.AddAsync(pid, cancel).ConfigureAwait(false);
        lock (_gate)
        {
            _chosen.Add(pid);
            _names[pid] = name;
        }
    }

    /// <summary>Stops watching <paramref name="pid"/> (running, a child, or exited); its rows go. A child removed is
    /// not found again while it runs. False when it was not watched.</summary>
    public async Task<bool> RemoveAsync(int pid)
    {
        bool known;
        lock (_gate)
        {
            known = _exited.Remove(pid) | _chosen.Remove(pid);
            _names.Remove(pid);
        }
        known |= await _set.RemoveAsync(pid, forget: true).ConfigureAwait(false);
        _follower.PassOver(pid);
        return known;
    }

    /// <summary>Looks for exits, sessions that stopped and children until <paramref name="stop"/> fires or, with
    /// <paramref name="untilAllGone"/>, no process is left to watch. Never throws for <paramref name="stop"/>.</summary>
    public async Task RunAsync(bool untilAllGone, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await CheckExitsAsync(untilAllGone ? "attach ends" : "nothing left to watch: p picks another process, q quits").ConfigureAwait(false);
                if (untilAllGone && AllGone()) return;
                if (_children) await FollowChildrenAsync(stop).ConfigureAwait(false);
                await _set.NextEndAsync(Poll, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped while a child was being attached.
        }
    }

    private async Task CheckExitsAsync(string whenNoneLeft)
    {
        int[] topsGone;
        lock (_gate)
        {
            topsGone = [.. _treeTops.Where(pid => !ProcessLiveness.IsAlive(pid))];
            _treeTops.ExceptWith(topsGone);
        }
        foreach (int pid in topsGone) _note(AllGone() ? $"process {pid} has exited; {whenNoneLeft}" : $"process {pid} has exited");
        foreach (int pid in await _set.EndExitedAsync().ConfigureAwait(false))
        {
            bool chosen;
            lock (_gate)
            {
                chosen = _chosen.Remove(pid);
                if (chosen) _exited.Add(pid);
                else _names.Remove(pid);
                _toldRunsOn.Remove(pid);
            }
            if (!chosen) _observation.Forget(pid);
            string what = chosen ? $"process {pid} has exited" : $"child process {pid} has exited";
            _note(AllGone() ? $"{what}; {whenNoneLeft}" : what);
        }
        foreach (int pid in _set.EndedWhileRunning())
        {
            bool first;
            lock (_gate) first = _toldRunsOn.Add(pid);
            if (first) _note($"process {pid} runs on without its runtime's events: CPU and memory from the OS only");
        }
    }

    private async Task FollowChildrenAsync(CancellationToken stop)
    {
        HashSet<int> chosen;
        lock (_gate) chosen = [.. _chosen.Where(_set.Contains), .. _treeTops];
        var found = await _follower.ScanAsync(_set, p => ProcessTree.IsDescendantOf(p.Pid, chosen), _note, stop).ConfigureAwait(false);
        foreach (var child in found)
        {
            lock (_gate) _names[child.Pid] = child.Name;
            _note($"watching child process {child.Pid} ({child.Name})");
        }
    }

    public ValueTask DisposeAsync() => _set.DisposeAsync();
}

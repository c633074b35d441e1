using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Model;
using Monitor.Workloads;

namespace Monitor.Sessions;

/// <summary>Which .NET processes `monitor export` watches: the pids given, those whose name is given, or every one
/// of this user (<see cref="All"/>).</summary>
/// <param name="Stacks">sample each watched process's stacks in bursts, so locks carry their wait site.</param>
public sealed record WatchRequest(IReadOnlyList<int> Pids, IReadOnlyList<string> Names, bool All, TimeSpan Interval, bool Stacks = false)
{
    /// <summary>Whether processes are looked for as they come (a name, or all), not only the pids given.</summary>
    public bool Follows => All || Names.Count > 0;

    /// <summary>Whether a process found later is one to watch: any with <see cref="All"/>; else one whose name, program
    /// file or entry assembly (`dotnet app.dll`: app) is one of <see cref="Names"/>.</summary>
    public bool Wants(DotnetProcessInfo process) => All || Names.Count > 0 && NamesOf(process).Any(Names.Contains);

    public static IEnumerable<string> NamesOf(DotnetProcessInfo process)
    {
        yield return process.Name;
        var words = process.CommandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) yield break;
        yield return Path.GetFileName(words[0]);
        if (words.FirstOrDefault(w => w.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) is { } assembly)
        {
            yield return Path.GetFileNameWithoutExtension(assembly);
        }
    }
}

/// <summary>
/// `monitor export`'s session: one observation (one snapshot clock, one OS sampler) over every process the request
/// picks, each with its own EventPipe session, told to the sinks until <c>stop</c> fires. Processes that exit are
/// forgotten (their series end); with a name or --all, new ones are looked for every <see cref="ScanInterval"/>.
/// </summary>
public static class WatchSession
{
    public static readonly TimeSpan ScanInterval = TimeSpan.FromSeconds(2);

    /// <summary>How many scans a process found later is tried at before it is left alone.</summary>
    public const int AttachTries = 3;

    /// <summary>Watches until <paramref name="stop"/> fires or, when only pids were given, until every one has exited.
    /// A pid given that cannot be watched (gone, not .NET, another user's) is refused with
    /// <see cref="RequestRefusedException"/> before anything is told; a process found later that cannot be watched is
    /// said once on <paramref name="notes"/> and left alone.</summary>
    public static async Task ExecuteAsync(WatchRequest request, IReadOnlyList<IMonitorSink> sinks, TextWriter notes, CancellationToken stop)
    {
        await using var observation = new Observation(DiagnosticsLevel.Full, request.Interval, singleThreadRate: null);
        if (request.Stacks) observation.Stacks.Enabled = true;
        foreach (var sink in sinks) observation.Sinks.Add(sink);
        var sessions = new Dictionary<int, ExternalProcessSession>();
        var passedOver = new HashSet<int>();
        var failures = new Dictionary<int, int>();
        try
        {
            foreach (int pid in request.Pids.Distinct())
            {
                try
                {
                    sessions[pid] = await observation.AttachAsync(pid, request.Interval, stop).ConfigureAwait(false);
                }
                catch (AttachFailedException e)
                {
                    throw new RequestRefusedException(e.Message, e);
                }
            }
            observation.StartSnapshots();
            while (!stop.IsCancellationRequested)
            {
                foreach (var (pid, session) in sessions.Where(s => !ProcessLiveness.IsAlive(s.Key)).ToArray())
                {
                    sessions.Remove(pid);
                    await session.DisposeAsync().ConfigureAwait(false);
                    observation.Forget(pid);
                    notes.WriteLine($"monitor: process {pid} has exited; its series end");
                }
                if (!request.Follows && sessions.Count == 0) break;
                if (request.Follows) await AttachNewAsync(request, observation, sessions, passedOver, failures, notes, stop).ConfigureAwait(false);
                try
                {
                    await Task.Delay(ScanInterval, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            foreach (var session in sessions.Values) await session.DisposeAsync().ConfigureAwait(false);
            await observation.FinishAsync().ConfigureAwait(false);
        }
    }

    private static async Task AttachNewAsync(
        WatchRequest request, Observation observation, Dictionary<int, ExternalProcessSession> sessions, HashSet<int> passedOver,
        Dictionary<int, int> failures, TextWriter notes, CancellationToken stop)
    {
        var published = DotnetProcesses.PublishedPids();
        // Pids of processes gone are forgotten, so that a pid used again is looked at again.
        passedOver.IntersectWith(published);
        foreach (int pid in failures.Keys.Where(p => !published.Contains(p)).ToArray()) failures.Remove(pid);
        foreach (int pid in published.Where(p => !sessions.ContainsKey(p) && !passedOver.Contains(p)).Order())
        {
            if (stop.IsCancellationRequested) return;
            passedOver.Add(pid);
            if (DotnetProcesses.Describe(pid) is not { } process || !request.Wants(process)) continue;
            try
            {
                sessions[pid] = await observation.AttachAsync(pid, request.Interval, stop).ConfigureAwait(false);
                passedOver.Remove(pid);
                notes.WriteLine($"monitor: watching process {pid} ({process.Name})");
            }
            catch (AttachFailedException e)
            {
                // A runtime that has just started may publish its socket before it answers: tried again at the next
                // scans, then left alone.
                int failed = failures[pid] = failures.GetValueOrDefault(pid) + 1;
                if (failed < AttachTries && e.Reason != AttachFailure.PermissionDenied) passedOver.Remove(pid);
                else notes.WriteLine($"monitor: not watching process {pid}: {e.Message}");
            }
        }
    }
}

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

    /// <summary>Watches until <paramref name="stop"/> fires or, when only pids were given, until every one has exited.
    /// A pid given that cannot be watched (gone, not .NET, another user's) is refused with
    /// <see cref="RequestRefusedException"/> before anything is told; a process found later that cannot be watched is
    /// said once on <paramref name="notes"/> and left alone.</summary>
    public static async Task ExecuteAsync(WatchRequest request, IReadOnlyList<IMonitorSink> sinks, TextWriter notes, CancellationToken stop)
    {
        await using var observation = new Observation(DiagnosticsLevel.Full, request.Interval, singleThreadRate: null);
        if (request.Stacks) observation.Stacks.Enabled = true;
        foreach (var sink in sinks) observation.Sinks.Add(sink);
        var targets = new TargetSet(observation, request.Interval);
        var follower = new ProcessFollower();
        try
        {
            foreach (int pid in request.Pids.Distinct())
            {
                try
                {
                    await targets.AddAsync(pid, stop).ConfigureAwait(false);
                }
                catch (AttachFailedException e)
                {
                    throw new RequestRefusedException(e.Message, e);
                }
            }
            observation.StartSnapshots();
            while (!stop.IsCancellationRequested)
            {
                foreach (int pid in await targets.EndExitedAsync().ConfigureAwait(false))
                {
                    observation.Forget(pid);
                    notes.WriteLine($"monitor: process {pid} has exited; its series end");
                }
                if (!request.Follows && targets.Count == 0) break;
                if (request.Follows)
                {
                    IReadOnlyList<DotnetProcessInfo> founds;
                    try
                    {
                        founds = await follower.ScanAsync(targets, request.Wants, message => notes.WriteLine($"monitor: {message}"), stop).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        // A signal while a process found was being attached: the normal way out, as between scans.
                        break;
                    }
                    foreach (var found in founds)
                    {
                        notes.WriteLine($"monitor: watching process {found.Pid} ({found.Name})");
                    }
                }
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
            await targets.DisposeAsync().ConfigureAwait(false);
            await observation.FinishAsync().ConfigureAwait(false);
        }
    }
}

using Monitor.Model;

namespace Monitor.Tui.State;

/// <summary>A minute of each watched process's runtime figures (<see cref="RuntimeSample"/>), for the runtime panel's
/// sparklines; a process not reported for a minute is forgotten.</summary>
public sealed class RuntimeHistories
{
    private readonly Dictionary<int, RuntimeSeries> _byPid = [];

    public RuntimeSeries? Of(int pid) => _byPid.GetValueOrDefault(pid);

    public void Apply(Snapshot snapshot)
    {
        double t = snapshot.T;
        foreach (var process in snapshot.Processes)
        {
            if (process.Runtime is not { } r) continue;
            if (!_byPid.TryGetValue(process.Pid, out var series)) _byPid[process.Pid] = series = new RuntimeSeries();
            series.Add(t, r);
        }
        foreach (int gone in _byPid.Where(kv => kv.Value.LastT < t - SeriesHistory.WindowSeconds).Select(kv => kv.Key).ToList())
        {
            _byPid.Remove(gone);
        }
    }
}

/// <summary>One process's runtime figures over the last minute; a figure not reported is not added.</summary>
public sealed class RuntimeSeries
{
    public SeriesHistory ThreadPoolThreads { get; } = new();
    public SeriesHistory ThreadPoolQueueLength { get; } = new();
    public SeriesHistory GcPausePercent { get; } = new();
    public SeriesHistory AllocBytesPerSec { get; } = new();
    public SeriesHistory ExceptionsPerSec { get; } = new();

    public double LastT { get; private set; }

    public void Add(double t, RuntimeSample r)
    {
        LastT = t;
        if (r.ThreadPoolThreads is { } threads) ThreadPoolThreads.Add(t, threads);
        if (r.ThreadPoolQueueLength is { } queue) ThreadPoolQueueLength.Add(t, queue);
        if (r.GcPausePercent is { } pause) GcPausePercent.Add(t, pause);
        if (r.AllocBytesPerSec is { } alloc) AllocBytesPerSec.Add(t, alloc);
        if (r.ExceptionsPerSec is { } exceptions) ExceptionsPerSec.Add(t, exceptions);
    }
}

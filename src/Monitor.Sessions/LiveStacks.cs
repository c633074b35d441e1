using System.Collections.Concurrent;
using Monitor.Diagnostics.Aggregation;
using Monitor.Diagnostics.Sources.Stacks;

namespace Monitor.Sessions;

/// <summary>
/// The stack samplers of an observation's attached processes, one per process, all on or all off together (the s key,
/// --stacks): their bursts go to the aggregator, which joins them to the snapshots.
/// </summary>
public sealed class LiveStacks(SnapshotAggregator aggregator, TimeSpan? burst = null, TimeSpan? period = null) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, StackSampler> _samplers = new();
    private readonly TimeSpan _burst = burst ?? StackSampler.DefaultBurst;
    private readonly TimeSpan _period = period ?? StackSampler.DefaultPeriod;
    private bool _enabled;

    public TimeSpan Burst => _burst;
    public TimeSpan Period => _period;

    public bool Enabled
    {
        get => _enabled;
        set
        {
            _enabled = value;
            aggregator.SampleStacks(value, _burst, _period);
            foreach (var sampler in _samplers.Values) sampler.Enabled = value;
        }
    }

    /// <summary>Samples <paramref name="pid"/>'s stacks whenever stacks are on.</summary>
    public void Add(int pid)
    {
        var sampler = new StackSampler(pid, aggregator.StacksTaken, why => aggregator.StacksFailed(pid, why), _burst, _period);
        if (!_samplers.TryAdd(pid, sampler)) return;
        sampler.Enabled = _enabled;
    }

    public async Task RemoveAsync(int pid)
    {
        if (_samplers.TryRemove(pid, out var sampler)) await sampler.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (int pid in _samplers.Keys.ToArray()) await RemoveAsync(pid).ConfigureAwait(false);
    }
}

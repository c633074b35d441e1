namespace Monitor.Diagnostics.Sources.Machine;

/// <summary>32-bit counters that wrap, carried on as 64-bit totals: each reading adds what each counter moved since
/// the one before, modulo 2^32. Right as long as no counter moves 2^32 between two readings.</summary>
public sealed class TickTotals(int counters)
{
    private readonly Lock _gate = new();
    private readonly uint[] _last = new uint[counters];
    private readonly ulong[] _totals = new ulong[counters];
    private bool _started;

    /// <summary>The totals after <paramref name="reading"/> (the first reading is taken as it is).</summary>
    public ulong[] Add(ReadOnlySpan<uint> reading)
    {
        lock (_gate)
        {
            for (int i = 0; i < _totals.Length; i++)
            {
                _totals[i] += _started ? unchecked(reading[i] - _last[i]) : reading[i];
                _last[i] = reading[i];
            }
            _started = true;
            return (ulong[])_totals.Clone();
        }
    }
}

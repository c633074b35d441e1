namespace Monitor.Tui.State;

/// <summary>A capped time series: values at session times T (seconds), oldest first, at most a window long.</summary>
public sealed class SeriesHistory
{
    public const double WindowSeconds = 60;
    private const int MaxSamples = 600;

    private readonly Queue<(double T, double Value)> _samples = new();

    public IReadOnlyCollection<(double T, double Value)> Samples => _samples;

    public double LastT => _samples.Count == 0 ? double.NegativeInfinity : _samples.Last().T;

    public void Add(double t, double value)
    {
        _samples.Enqueue((t, double.IsFinite(value) ? value : 0));
        while (_samples.Count > MaxSamples || (_samples.Count > 0 && _samples.Peek().T < t - WindowSeconds))
        {
            _samples.Dequeue();
        }
    }
}

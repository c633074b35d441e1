namespace Monitor.Tui.Control;

/// <summary>What the next run will be. Mode: single|threads|processes|gil; Work: cpu|io.</summary>
public sealed record WorkloadSettings(string Mode, int Workers, long N, string Work)
{
    public const int MaxWorkers = 64;
    public const long MinN = 1_000;
    public const long MaxN = 10_000_000_000_000;

    public WorkloadSettings WithWorkers(int workers) => this with { Workers = Math.Clamp(workers, 1, MaxWorkers) };

    public WorkloadSettings WithN(long n) => this with { N = Math.Clamp(n, MinN, MaxN) };

    public WorkloadSettings WithOtherWork() => this with { Work = Work == "io" ? "cpu" : "io" };
}

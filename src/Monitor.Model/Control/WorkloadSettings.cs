using Monitor.Model;

namespace Monitor.Model;

/// <summary>What the next run will be. Workers is the K kept for the multi-worker modes (single runs one); its
/// bounds and N's are <see cref="WorkloadLimits"/>', as on the command line.</summary>
public sealed record WorkloadSettings(RunMode Mode, int Workers, long N, WorkKind Work)
{
    public WorkloadSettings WithWorkers(int workers) => this with { Workers = Math.Clamp(workers, 1, WorkloadLimits.MaxK(Mode)) };

    public WorkloadSettings WithN(long n) => this with { N = Math.Clamp(n, WorkloadLimits.MinN, WorkloadLimits.MaxN) };

    public WorkloadSettings WithOtherWork() => this with { Work = Work == WorkKind.Io ? WorkKind.Cpu : WorkKind.Io };

    /// <summary>Switches to <paramref name="mode"/>, keeping K within what it allows.</summary>
    public WorkloadSettings WithMode(RunMode mode) => (this with { Mode = mode }).WithWorkers(Workers);

    /// <summary>What is run: single with one worker, any other mode with K.</summary>
    public WorkloadSpec Spec => new(Mode, Mode == RunMode.Single ? 1 : Workers, N, Work);
}

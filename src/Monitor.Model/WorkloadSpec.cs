namespace Monitor.Model;

/// <summary>Which runtime executes the workers.</summary>
public enum WorkerRuntime { Dotnet, Python }

/// <summary>One run, fully specified and validated: what `monitor run` and a key press in the UI ask for.</summary>
public sealed record WorkloadSpec(
    RunMode Mode,
    int Workers,
    long N,
    WorkKind Work = WorkKind.Cpu,
    int SwitchMs = WorkloadLimits.DefaultSwitchMs,
    long LockBlock = WorkloadLimits.DefaultLockBlock,
    WorkerRuntime Runtime = WorkerRuntime.Dotnet)
{
    /// <summary>Null when the spec can run; otherwise one plain sentence saying what is wrong.</summary>
    public string? Validate()
    {
        if (N < WorkloadLimits.MinN) return $"N must be at least {WorkloadLimits.MinN} (got {N})";
        if (N > WorkloadLimits.MaxN) return $"N must be at most {WorkloadLimits.MaxN:N0} (got {N:N0})";
        if (Mode == RunMode.Single && Workers != 1) return $"mode single runs exactly 1 worker (got {Workers}); use threads, processes or gil for more";
        if (Workers < 1) return $"workers must be at least 1 (got {Workers})";
        int max = WorkloadLimits.MaxWorkers(Mode);
        if (Workers > max) return $"mode {Mode.Name()} allows at most {max} workers (got {Workers})";
        if (SwitchMs < 0 || SwitchMs > WorkloadLimits.MaxSwitchMs) return $"switch interval must be 0..{WorkloadLimits.MaxSwitchMs} ms (got {SwitchMs})";
        if (LockBlock < 1 || LockBlock > WorkloadLimits.MaxLockBlock) return $"lock block must be 1..{WorkloadLimits.MaxLockBlock:N0} iterations (got {LockBlock})";
        return null;
    }

    public Int128 Expected => ExpectedSum(N);

    /// <summary>0 + 1 + ... + (n − 1) = n(n−1)/2, exactly: what every run's total is checked against.</summary>
    public static Int128 ExpectedSum(long n) => n <= 0 ? Int128.Zero : (Int128)n * (n - 1) / 2;

    public string RuntimeName => Runtime.Name();
}

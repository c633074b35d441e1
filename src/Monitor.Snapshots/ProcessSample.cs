namespace Monitor.Snapshots;

/// <summary>One process over one interval. CPU % is per core: 100 = one core busy.</summary>
public sealed record ProcessSample(
    int Pid,
    string Name,
    ProcessRole Role,
    long WorkingSetBytes,
    long PeakWorkingSetBytes,
    long? GcHeapBytes,
    int? GcCount,
    double CpuPercent,
    double CpuMs,
    int ThreadCount,
    bool Exited);

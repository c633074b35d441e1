namespace Monitor.Model;

/// <summary>
/// One thread over one interval, from the operating system's own accounting. CPU % is per core (100 = one core);
/// CpuWaitPercent is the share of the interval it was runnable but waiting for a CPU; BlockedPerSec counts voluntary
/// context switches (it blocked), PreemptedPerSec involuntary ones. IterationsPerSec is set for worker threads.
/// </summary>
public sealed record ThreadSample(
    int Pid,
    int Tid,
    string Name,
    ThreadRole Role,
    int? Worker,
    double CpuPercent,
    double UserPercent,
    double SystemPercent,
    double CpuWaitPercent,
    double BlockedPerSec,
    double PreemptedPerSec,
    double? IterationsPerSec,
    double CpuMs,
    char State);

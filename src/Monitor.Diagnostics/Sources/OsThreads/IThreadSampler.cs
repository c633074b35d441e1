using Monitor.Model;

namespace Monitor.Diagnostics.Sources.OsThreads;

/// <summary>Reads per-thread CPU counters of a process from the operating system. Disposing it releases what it
/// keeps open between readings.</summary>
public interface IThreadSampler : IDisposable
{
    /// <summary>Which accounting the readings come from, and so which figures they can have.</summary>
    ThreadReader Reader { get; }

    /// <summary>A reading of <paramref name="pid"/>, or null when the process has gone (normal, not an error).
    /// Threads that end while being read are left out. Safe to call from several threads.</summary>
    ProcessCounters? Sample(int pid);

    /// <summary>As <see cref="Sample(int)"/>; <paramref name="reuse"/>, an earlier reading of the same process that
    /// the caller no longer reads, may be refilled and returned instead of a new one (a sampler that cannot, ignores
    /// it). What sampling costs every interval is then the reading alone, no garbage.</summary>
    ProcessCounters? Sample(int pid, ProcessCounters? reuse) => Sample(pid);
}

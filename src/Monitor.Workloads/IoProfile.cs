namespace Monitor.Workloads;

/// <summary>
/// The simulated I/O of <see cref="WorkKind.Io"/>: after every block of additions the worker blocks in the kernel
/// (a real sleep, not a spin), the way a thread waits for a disk or a socket.
/// </summary>
public static class IoProfile
{
    public const long IterationsPerWait = 1L << 20;
    public static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(1);
}

namespace Monitor.Diagnostics.Sources.Stacks;

/// <summary>
/// What one burst of stack sampling saw in process <see cref="Pid"/>, between the system clock timestamps
/// <see cref="StartedAt"/> and <see cref="EndedAt"/>: each sampled thread's stacks and the wait sites of the locks
/// threads waited for. Frames are Namespace.Type.Method, leaf first.
/// </summary>
public sealed record StackBurst(
    int Pid,
    long StartedAt,
    long EndedAt,
    long Samples,
    IReadOnlyDictionary<int, ThreadStacks> Threads,
    IReadOnlyDictionary<ulong, LockSite> Locks);

/// <summary>One thread's samples in a burst. <see cref="RunningSamples"/> found it running managed code (the sample
/// profiler's "managed" samples); the others found it outside managed code: waiting, sleeping, in native code.
/// <see cref="Methods"/> counts the running samples only: what its CPU went to.</summary>
public sealed record ThreadStacks(
    int Tid,
    int Samples,
    int RunningSamples,
    IReadOnlyList<StackCount> TopStacks,
    IReadOnlyDictionary<string, MethodTally> Methods);

/// <summary>A stack (leaf first) and how many samples found it.</summary>
public sealed record StackCount(IReadOnlyList<string> Frames, int Count);

/// <summary>Running samples with the method as their leaf (<see cref="Self"/>), with it anywhere in the stack
/// (<see cref="Total"/>), and which methods called it in those samples.</summary>
public sealed record MethodTally(int Self, int Total, IReadOnlyDictionary<string, int> Callers);

/// <summary>Where threads waited for a lock (<see cref="WaitSite"/>, the most frequent one) and what its owner ran
/// when they started to wait (<see cref="OwnerStack"/>, the most frequent one); null where no stack said.</summary>
public sealed record LockSite(string? WaitSite, IReadOnlyList<string>? OwnerStack);

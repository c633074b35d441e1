using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;

namespace Monitor.Diagnostics.Sources.Stacks;

/// <summary>
/// Feeds a <see cref="StackBurstCollector"/> from a TraceLog source, live (a burst's real-time TraceLog) or from a
/// recorded .nettrace (analyze): the sample profiler's samples and the runtime's contention starts, each with its
/// resolved stack.
/// </summary>
public static class TraceStacks
{
    private static readonly Guid SampleProfilerGuid = new("3c530d44-97ae-513a-1e6d-783e8f8e03a9");

    /// <summary>The sample profiler's payload: 1 = the thread was outside managed code, 2 = running managed code.</summary>
    private const int ManagedSample = 2;

    private const int MaxDepth = 128;

    /// <param name="pid">only this process's events (a recording may hold others'); null: all.</param>
    public static void Feed(TraceEventDispatcher source, StackBurstCollector collector, int? pid = null)
    {
        var frames = new Dictionary<CallStackIndex, string[]>();
        source.AllEvents += e =>
        {
            if (e.ProviderGuid != SampleProfilerGuid || (pid is { } p && e.ProcessID != p)) return;
            bool running = e.EventDataLength >= 4 && BitConverter.ToInt32(e.EventData(), 0) == ManagedSample;
            collector.OnSample(e.ThreadID, running, FramesOf(e.CallStack(), frames));
        };
        source.Clr.ContentionStart += e =>
        {
            if (pid is { } p && e.ProcessID != p) return;
            collector.OnContention(e.ThreadID, e.LockID, (int)e.LockOwnerThreadID, FramesOf(e.CallStack(), frames));
        };
    }

    /// <summary>The stack's frames, leaf first, runs of unresolved frames as one and the GC poll a sample stopped a
    /// thread in left out; the same array for the same stack.</summary>
    private static string[] FramesOf(TraceCallStack? stack, Dictionary<CallStackIndex, string[]> known)
    {
        if (stack is null) return [];
        if (known.TryGetValue(stack.CallStackIndex, out var cached)) return cached;
        var list = new List<string>();
        for (var frame = stack; frame is not null && list.Count < MaxDepth; frame = frame.Caller)
        {
            string name = MethodNames.Of(frame.CodeAddress.FullMethodName);
            if (name == MethodNames.Unresolved && list.Count > 0 && list[^1] == MethodNames.Unresolved) continue;
            if (list.Count == 0 && MethodNames.IsSafePointPoll(name)) continue;
            list.Add(name);
        }
        var frames = list.ToArray();
        known[stack.CallStackIndex] = frames;
        return frames;
    }
}

namespace Monitor.Diagnostics.Sources.Stacks;

/// <summary>How a stack frame is named: Namespace.Type.Method, without the signature TraceEvent appends.</summary>
public static class MethodNames
{
    /// <summary>A frame whose code address resolved to no managed method (native code, the runtime itself, or a
    /// method compiled while no burst listened).</summary>
    public const string Unresolved = "[native or unknown]";

    private static readonly string[] LockingPrefixes =
    [
        "System.Threading.Monitor.",
        "System.Threading.Lock.",
        "System.Threading.ObjectHeader.",
        "System.Threading.SpinWait.",
        "System.Threading.Thread.",
        "System.Threading.WaitHandle.",
        "System.Threading.LowLevel",
    ];

    /// <summary>The runtime's GC poll: a thread in a loop is stopped there for the sample itself, so as a leaf it
    /// names the sampler's way in, not the thread's work; its caller is the leaf that counts.</summary>
    public static bool IsSafePointPoll(string frame) => frame.StartsWith("System.Threading.Thread.<PollGC>", StringComparison.Ordinal)
        || frame.StartsWith("System.Threading.Thread.PollGC", StringComparison.Ordinal);

    public static string Of(string? fullMethodName)
    {
        if (string.IsNullOrEmpty(fullMethodName)) return Unresolved;
        int signature = fullMethodName.IndexOf('(');
        return signature > 0 ? fullMethodName[..signature] : fullMethodName;
    }

    /// <summary>The frame of a waiter's stack (leaf first) that asked for the lock: the first one outside the
    /// runtime's locking and waiting code; null when every frame is such code or unknown.</summary>
    public static string? WaitSite(IReadOnlyList<string> frames)
    {
        foreach (var frame in frames)
        {
            if (frame == Unresolved || IsLocking(frame)) continue;
            return frame;
        }
        return null;
    }

    private static bool IsLocking(string frame)
    {
        foreach (var prefix in LockingPrefixes)
        {
            if (frame.StartsWith(prefix, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}

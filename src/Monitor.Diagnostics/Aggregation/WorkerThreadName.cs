namespace Monitor.Diagnostics.Aggregation;

/// <summary>The names Monitor's workers give their threads ("sum-worker-3"), as /proc shows them (15 characters).</summary>
public static class WorkerThreadName
{
    public const string Prefix = Monitor.Workloads.SumWorker.ThreadNamePrefix;

    public static bool TryParse(string name, out int worker)
    {
        worker = 0;
        return name.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(name.AsSpan(Prefix.Length), out worker);
    }
}

namespace Monitor.Tests.Diagnostics.OsThreads;

/// <summary>Tests that compare CPU time over a window: they run alone so they do not fight other tests for the
/// machine's two cores (and busy workers of theirs do not skew the others).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "OsThreads timing-sensitive";
}

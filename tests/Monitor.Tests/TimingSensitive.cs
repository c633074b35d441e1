namespace Monitor.Tests;

/// <summary>Tests that compare rates or watch threads block. xunit runs this collection alone, after the parallel
/// ones, so other tests' CPU load does not skew what they measure. They still assert no wall time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}

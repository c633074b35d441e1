namespace Monitor.Tests.Diagnostics.EventPipe;

/// <summary>Tests that run real worker processes under EventPipe: one at a time, so two shared cores give each its
/// workers' full share and contention looks like contention.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EventPipeCollection
{
    public const string Name = "EventPipe worker processes";
}

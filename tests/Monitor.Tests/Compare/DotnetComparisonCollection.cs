namespace Monitor.Tests.Compare;

/// <summary>The test classes that read the one shared <see cref="DotnetComparison"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DotnetComparisonCollection : ICollectionFixture<DotnetComparison>
{
    public const string Name = "dotnet comparison";
}

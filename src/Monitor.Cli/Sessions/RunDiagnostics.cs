namespace Monitor.Cli.Sessions;

/// <summary>What the diagnostics saw over a whole run, for the result line. Null fields were not observed.</summary>
public sealed record RunDiagnostics(long? ContentionCount, double? ContentionWaitMs, int? GcCount, double? SingleThreadRate)
{
    public static readonly RunDiagnostics None = new(null, null, null, null);
}

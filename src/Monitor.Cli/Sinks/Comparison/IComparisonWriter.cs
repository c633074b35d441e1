using Monitor.Sessions.Comparison;

namespace Monitor.Cli.Sinks.Comparison;

/// <summary>Writes a finished comparison in one output format.</summary>
public interface IComparisonWriter
{
    void Write(ComparisonReport report, TextWriter output);
}

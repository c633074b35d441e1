using System.CommandLine;

namespace Monitor.Cli.Commands;

/// <summary>`--interval`: how often a snapshot is taken, for every command that takes them.</summary>
public static class IntervalOption
{
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan Maximum = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(1);

    public static DefaultedOption<TimeSpan> Create() => TypedOption.Milliseconds("--interval", Minimum, Maximum, Default, "ms between snapshots");
}

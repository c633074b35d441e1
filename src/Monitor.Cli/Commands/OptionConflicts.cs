using System.CommandLine;
using Monitor.Cli.Hosting;

namespace Monitor.Cli.Commands;

/// <summary>Options that cannot work together are refused as bad usage (one line, exit 2) rather than one of them
/// silently winning or being ignored.</summary>
public static class OptionConflicts
{
    /// <summary>Whether the user gave <paramref name="option"/> on the command line (whatever its value).</summary>
    public static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>Refuses <paramref name="a"/> and <paramref name="b"/> together.</summary>
    public static void Exclusive(ParseResult parse, Option a, Option b)
    {
        if (Given(parse, a) && Given(parse, b)) throw new UsageException($"use {a.Name} or {b.Name}, not both");
    }

    /// <summary>Refuses the terminal UI's own options (<paramref name="ui"/>) with a headless output
    /// (<paramref name="headless"/>: --json or --text), which draws no UI for them to change.</summary>
    public static void UiOnly(ParseResult parse, UiOptions ui, params Option[] headless)
    {
        foreach (var output in headless.Where(o => Given(parse, o)))
        {
            foreach (var option in ui.All.Where(o => Given(parse, o)))
            {
                throw new UsageException($"{option.Name} applies to the terminal UI only: leave it out with {output.Name}");
            }
        }
    }

    /// <summary>Refuses export settings (--thread-series, --lock-series) without an export to apply them to.</summary>
    public static void ExportSettingsNeedAnExport(ParseResult parse, ExportOptions export)
    {
        if (Given(parse, export.Prometheus) || Given(parse, export.Otlp)) return;
        foreach (var option in new Option[] { export.ThreadSeries, export.LockSeries }.Where(o => Given(parse, o)))
        {
            throw new UsageException($"{option.Name} only applies to an export: add --prometheus or --otlp");
        }
    }
}

using Monitor.Tui.Panels;

namespace Monitor.Tui;

/// <summary>
/// How the UI presents itself. Monochrome: bold and reverse only (--no-color, or NO_COLOR set). NoMouse: ask the
/// terminal to stop reporting the mouse (--no-mouse; Terminal.Gui 2.5.0 always switches all-motion reporting on,
/// which sends bytes over SSH for every mouse move). Ascii: no block or box characters.
/// </summary>
public sealed record MonitorAppOptions
{
    public bool Monochrome { get; init; }
    public bool NoMouse { get; init; }
    public bool Ascii { get; init; }

    /// <summary>Shown in the header; the machine's count unless a test pins it.</summary>
    public int LogicalCpus { get; init; } = Environment.ProcessorCount;

    /// <summary>The panels, in their order: the registry's unless a test adds one.</summary>
    public IReadOnlyList<PanelDefinition> Panels { get; init; } = PanelRegistry.All;

    /// <summary>Terminal.Gui driver name ("ansi", "dotnet", "windows"); null for the platform default.</summary>
    public string? Driver { get; init; }

    /// <summary>Options from command-line flags and the environment (NO_COLOR of any value means monochrome).</summary>
    public static MonitorAppOptions From(bool noColor, bool noMouse, bool ascii = false) => new()
    {
        Monochrome = noColor || Environment.GetEnvironmentVariable("NO_COLOR") is not null,
        NoMouse = noMouse,
        Ascii = ascii,
    };
}

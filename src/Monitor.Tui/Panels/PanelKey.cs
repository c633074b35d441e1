using Monitor.Tui.State;

namespace Monitor.Tui.Panels;

/// <summary>
/// A key of one panel's own: <see cref="Press"/> changes what the panel shows. It takes the character in either case,
/// is listed with <see cref="Help"/> in the help (unless Help is null: a sibling's line describes it), and shows as
/// "<see cref="Char"/> <see cref="BarWord"/>" in the key bar unless BarWord is null. The bar leaves out panels' words
/// that do not fit (the last first), so "q quit" always stays.
/// </summary>
public sealed record PanelKey(char Char, string? BarWord, string? Help, Action<DashboardState> Press)
{
    /// <summary>What the help's key column shows; a line covering several keys names them all.</summary>
    public string? HelpKeys { get; init; }
}

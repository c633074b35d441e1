using Monitor.Tui.State;

namespace Monitor.Tui.Panels;

/// <summary>
/// A key of one panel's own: <see cref="Press"/> changes what the panel shows. It takes the letter in either case,
/// is listed with <see cref="Help"/> in the help, and shows as "<see cref="Char"/> <see cref="BarWord"/>" in the key
/// bar unless BarWord is null: at 80 columns the key bar has no room left, so a word there cuts off "q quit".
/// </summary>
public sealed record PanelKey(char Char, string? BarWord, string Help, Action<DashboardState> Press);

using Monitor.Tui.State;

namespace Monitor.Tui.Panels;

/// <summary>
/// A key of one panel's own: <see cref="Press"/> changes what the panel shows. It takes the letter in either case,
/// shows as "<see cref="Char"/> <see cref="BarWord"/>" in the key bar and with <see cref="Help"/> in the help.
/// </summary>
public sealed record PanelKey(char Char, string BarWord, string Help, Action<DashboardState> Press);

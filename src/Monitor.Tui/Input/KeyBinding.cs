using Monitor.Tui.State;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace Monitor.Tui.Input;

/// <summary>
/// Keys that trigger one command. Printable keys match by the character typed (so '+' and '?' work whatever the
/// keyboard layout needs to produce them); the others by key code. BarLabel is shown in the key bar and Help in the
/// help when set (bindings without Help are described by a sibling's line). Press is what a panel's key does.
/// </summary>
public sealed record KeyBinding(
    MonitorCommand Command, string Keys, string? Help, string? BarLabel, string Chars, KeyCode[] Codes, Action<DashboardState>? Press = null)
{
    public bool NeedsWorkloads => Command is >= MonitorCommand.ModeSingle and <= MonitorCommand.Compare;

    /// <summary>Whether the key bar and the help list it now: a panel's key while its panel is shown, the stacks' key
    /// while watching another process; null: always.</summary>
    public Func<DashboardState, bool>? ListedWhen { get; init; }

    public bool IsListed(DashboardState state) =>
        !(NeedsWorkloads && state.IsWatching) && (ListedWhen?.Invoke(state) ?? true);

    public bool Matches(Key key)
    {
        if (Codes.Contains(key.KeyCode))
        {
            return true;
        }
        return !key.IsCtrl && !key.IsAlt && key.AsRune.Value is > 32 and < 0x10000 and var rune && Chars.Contains((char)rune);
    }
}

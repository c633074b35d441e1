using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace Monitor.Tui.Input;

/// <summary>
/// Text typed into a panel, such as the threads' name filter: while open it takes the printable keys before any
/// binding does, and each change is applied at once. Enter keeps the text, Esc clears it; both close the entry.
/// </summary>
public sealed class TextEntry(string text, Action<string> changed)
{
    public string Text { get; private set; } = text;

    public bool IsOpen { get; private set; } = true;

    /// <summary>True when the key was the entry's; other keys (Ctrl+C, arrows, F1) go on to the bindings.</summary>
    public bool Handle(Key key)
    {
        switch (key.KeyCode)
        {
            case KeyCode.Enter:
                IsOpen = false;
                return true;
            case KeyCode.Esc:
                Set("");
                IsOpen = false;
                return true;
            case KeyCode.Backspace:
                if (Text.Length > 0) Set(Text[..^1]);
                return true;
        }
        if (!key.IsCtrl && !key.IsAlt && key.AsRune.Value is >= 32 and < 0x10000 and var rune)
        {
            Set(Text + (char)rune);
            return true;
        }
        return false;
    }

    private void Set(string next)
    {
        Text = next;
        changed(next);
    }
}

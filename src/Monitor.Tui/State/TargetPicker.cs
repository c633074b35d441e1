using Monitor.Model;

namespace Monitor.Tui.State;

/// <summary>The process picker (p): the choices read when it opened and the one selected. UI thread only.</summary>
public sealed class TargetPicker
{
    public bool IsOpen { get; private set; }

    public IReadOnlyList<TargetChoice> Choices { get; private set; } = [];

    public int Selected { get; private set; }

    public TargetChoice? SelectedChoice => Selected < Choices.Count ? Choices[Selected] : null;

    /// <summary>Opens on <paramref name="choices"/>, the first one not watched selected (what p is most often for).</summary>
    public void Open(IReadOnlyList<TargetChoice> choices)
    {
        Choices = choices;
        Selected = Math.Max(0, choices.ToList().FindIndex(c => c.Status == TargetStatus.Available));
        IsOpen = true;
    }

    public void Close()
    {
        IsOpen = false;
        Choices = [];
        Selected = 0;
    }

    /// <summary>Moves the selection by <paramref name="rows"/>, stopping at either end.</summary>
    public void Move(int rows) => Selected = (int)Math.Clamp((long)Selected + rows, 0L, Math.Max(0, Choices.Count - 1));
}

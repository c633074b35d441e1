namespace Monitor.Tui.Panels;

/// <summary>
/// How a panel claims rows (<see cref="Views.DashboardLayout"/>). It starts with <see cref="MinRows"/> body rows;
/// spare height goes first to the full-width panels, then to the small ones, each up to the rows it has to show
/// (a small one to at most <see cref="MaxRows"/>); what nobody asked for goes to the panel that
/// <see cref="TakesSpareRows"/>. On wide terminals small panels next to each other in the list share their rows.
/// </summary>
public sealed record PanelPlacement(int MinRows, int MaxRows, bool IsSmall, bool TakesSpareRows)
{
    /// <summary>Full width, growing as far as it has rows to show.</summary>
    public static PanelPlacement FullWidth(int minRows, bool takesSpareRows = false) =>
        new(minRows, int.MaxValue, false, takesSpareRows);

    /// <summary>Two body rows at 80x24, at most eight, side by side with its small neighbours when there is room.</summary>
    public static readonly PanelPlacement Small = new(2, 8, true, false);
}

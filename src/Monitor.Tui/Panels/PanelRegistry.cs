namespace Monitor.Tui.Panels;

/// <summary>
/// The dashboard's panels, top to bottom and in Tab's order: the layout, the selection, the refresh and the panels'
/// own keys go through this list and name no panel. The header, the key bar and the help are not panels: they frame
/// whatever this list holds.
/// </summary>
public static class PanelRegistry
{
    public static readonly IReadOnlyList<PanelDefinition> All =
    [
        new("Threads", ThreadsPanel.Render, ThreadsPanel.RowCount, PanelPlacement.FullWidth(minRows: 4), HeaderRows: 1)
        {
            Keys = ThreadsPanel.Keys,
            MoveCursor = ThreadsPanel.MoveCursor,
        },
        new("Hot methods", HotMethodsPanel.Render, HotMethodsPanel.RowCount, PanelPlacement.FullWidth(minRows: 3), HeaderRows: 1)
        {
            Keys = HotMethodsPanel.Keys,
            Shown = HotMethodsPanel.Shown,
            MoveCursor = HotMethodsPanel.MoveCursor,
            Choose = HotMethodsPanel.Choose,
        },
        new("Lock contention", ContentionPanel.Render, ContentionPanel.RowCount, PanelPlacement.Small),
        new("Memory", MemoryPanel.Render, MemoryPanel.RowCount, PanelPlacement.Small),
        new("Runtime", RuntimePanel.Render, RuntimePanel.RowCount, PanelPlacement.Small)
        {
            // The runtime's counters are read from processes Monitor attached to.
            Shown = state => state.IsWatching,
        },
        new("Results", ResultsPanel.Render, ResultsPanel.RowCount, PanelPlacement.FullWidth(minRows: 2, takesSpareRows: true), HeaderRows: 1,
            ScrollsToEndOnResult: true)
        {
            // Watching a process Monitor did not start, no run ever ends here.
            Shown = state => !state.IsWatching,
        },
    ];
}

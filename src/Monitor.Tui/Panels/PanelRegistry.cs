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
        new("Threads", ThreadsPanel.Render, ThreadsPanel.RowCount, PanelPlacement.FullWidth(minRows: 4), HeaderRows: 1,
            Key: new('e', "expand", "expand or fold the runtime's own threads", ThreadsPanel.ToggleRuntimeThreads)),
        new("Lock contention", ContentionPanel.Render, ContentionPanel.RowCount, PanelPlacement.Small),
        new("Memory", MemoryPanel.Render, MemoryPanel.RowCount, PanelPlacement.Small),
        new("Runtime", RuntimePanel.Render, RuntimePanel.RowCount, PanelPlacement.Small, OnlyWhileWatching: true),
        new("Results", ResultsPanel.Render, ResultsPanel.RowCount, PanelPlacement.FullWidth(minRows: 2, takesSpareRows: true), HeaderRows: 1,
            ScrollsToEndOnResult: true),
    ];

    /// <summary>The panels a dashboard that runs workloads (<paramref name="canRunWorkloads"/>) or only watches shows.</summary>
    public static IReadOnlyList<PanelDefinition> For(bool canRunWorkloads) => [.. All.Where(p => p.ShownWhen(canRunWorkloads))];
}

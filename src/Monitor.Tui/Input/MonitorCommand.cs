namespace Monitor.Tui.Input;

/// <summary>Everything a key can ask the dashboard to do.</summary>
public enum MonitorCommand
{
    ModeSingle,
    ModeThreads,
    ModeProcesses,
    ModeGil,
    MoreWorkers,
    FewerWorkers,
    BiggerN,
    SmallerN,
    ToggleWork,
    StartStop,
    Compare,
    ToggleRecording,
    /// <summary>Live stacks on or off (attach).</summary>
    ToggleStacks,
    /// <summary>Opens the process picker: watch another process, or stop watching one (attach only).</summary>
    PickTargets,
    /// <summary>A key a panel brought (<see cref="Panels.PanelKey"/>): its binding says what it does.</summary>
    PanelKey,
    /// <summary>Enter: the selected panel's <see cref="Panels.PanelDefinition.Choose"/>.</summary>
    Choose,
    NextPanel,
    PreviousPanel,
    ScrollUp,
    ScrollDown,
    PageUp,
    PageDown,
    ScrollTop,
    ScrollBottom,
    StepBack,
    StepForward,
    Slower,
    Faster,
    Help,
    Quit,
    Suspend,
    Dismiss,
}

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
    ToggleRuntimeThreads,
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
    Dismiss,
}

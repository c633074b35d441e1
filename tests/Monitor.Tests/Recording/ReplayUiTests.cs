using Monitor.Sessions;
using Monitor.Recording.Replay;
using Monitor.Tests.Tui;
using Terminal.Gui.Input;

namespace Monitor.Tests.Recording;

/// <summary>`monitor replay` in the UI: a real recording played into the same panels (headless), moved through with
/// space, arrows and &lt; &gt;, its recorded result in the results table at the end.</summary>
public sealed class ReplayUiTests(SmallRecordingFixture recording) : IClassFixture<SmallRecordingFixture>
{
    [Fact]
    public void Replay_shows_the_recorded_panels_and_moves_through_time_with_keys()
    {
        var replay = BundleReplay.Open(recording.Bundle);
        using var controller = new ReplayController(replay);
        using var dashboard = new HeadlessDashboard(120, 35, controller);

        // The replay plays at once (×1): on a loaded machine the screen may first be read frames later, so step back
        // to the first frame rather than hope to see it go by.
        dashboard.WaitForScreen(s => s.Contains("frame "), "a frame");
        for (int i = 0; i < replay.Frames.Count; i++) dashboard.Press(Key.CursorLeft);
        string first = dashboard.WaitForScreen(s => s.Contains("frame 1/") && s.Contains("paused"), "the first frame, paused");
        Assert.Contains("mode gil", first);
        Assert.Contains("Lock contention", first);

        // A short recording may hold a single snapshot: then a step forward stays on it.
        string second = $"frame {Math.Min(2, replay.Frames.Count)}/";
        dashboard.Press(Key.CursorRight);
        Assert.Contains(second, dashboard.WaitForScreen(s => s.Contains(second) && s.Contains("paused"), "a step forward, paused"));
        dashboard.Press(new Key('>'));
        Assert.Contains("×2", dashboard.WaitForScreen(s => s.Contains("×2"), "the faster speed"));

        for (int i = 0; i < replay.Frames.Count; i++) dashboard.Press(Key.CursorRight);
        string last = dashboard.WaitForScreen(s => s.Contains($"frame {replay.Frames.Count}/{replay.Frames.Count}"), "the last frame");
        Assert.Matches(@"gil\s+cpu\s+dotnet\s+2\s+1e9", dashboard.WaitForScreen(s => s.Contains(" yes"), "the recorded result row"));
        Assert.Contains("mode gil", last);
    }
}

using Monitor.Model;
using Monitor.Sessions;
using Monitor.Tests.Reliability;
using Terminal.Gui.Input;

namespace Monitor.Tests.Tui;

/// <summary>The picker on the real attach controller, headless, with two real .NET processes: p then Enter adds the
/// second one to the attach without restarting it, and removes the first; the snapshots show both, then only the
/// second. The UI asks the controller; the controller attaches.</summary>
[Collection(TimingSensitive.Name)]
public sealed class AttachPickerTests
{
    [Fact]
    public async Task The_picker_adds_and_removes_processes_of_a_running_attach()
    {
        using var first = BusyDotnetTarget.Start();
        using var second = BusyDotnetTarget.Start();
        await first.WaitForDiagnosticSocket();
        await second.WaitForDiagnosticSocket();
        var interval = TimeSpan.FromMilliseconds(200);
        await using var observation = new Observation(DiagnosticsLevel.Full, interval, singleThreadRate: null);
        var controller = new AttachController(observation, traceDir: null);
        await using var targets = await AttachSession.AttachAsync(observation, controller.Recording, new AttachRequest([first.Pid], interval, null, null), controller.Say, CancellationToken.None);
        controller.Watch(targets);
        try
        {
            using var dashboard = new HeadlessDashboard(120, 35, controller);
            dashboard.WaitForScreen(s => s.Contains($"watching monitor ({first.Pid})"), "the first target");

            Pick(dashboard, second.Pid, $"Enter watches {second.Pid}");
            dashboard.WaitForScreen(s => s.Contains($"watching monitor ({first.Pid}), monitor ({second.Pid})"), "both targets in the header");
            dashboard.WaitForScreen(s => s.Contains($"watching process {second.Pid}"), "the status of the add");

            Pick(dashboard, first.Pid, $"Enter stops watching {first.Pid}");
            dashboard.WaitForScreen(s => s.Contains($"watching monitor ({second.Pid})") && !s.Contains($"({first.Pid})"), "only the second target");
            dashboard.WaitForScreen(s => s.Contains($"no longer watching process {first.Pid}"), "the status of the removal");
            Assert.False(first.Process.HasExited, "removing a target must leave the process running");
        }
        finally
        {
            await controller.StopWatchingAsync();
        }
    }

    /// <summary>Opens the picker, moves to <paramref name="pid"/> (the list holds every .NET process of this user, the
    /// test host and other builds among them) and presses Enter.</summary>
    private static void Pick(HeadlessDashboard dashboard, int pid, string hint)
    {
        dashboard.Press(new Key('p'));
        var picker = dashboard.Monitor.State.Picker;
        Assert.Contains(picker.Choices, c => c.Pid == pid);
        dashboard.Press(Key.Home);
        while (picker.SelectedChoice!.Pid != pid) dashboard.Press(Key.CursorDown);
        Assert.Contains(hint, dashboard.Screen);
        dashboard.Press(Key.Enter);
    }
}

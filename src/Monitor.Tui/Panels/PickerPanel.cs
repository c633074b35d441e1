using Monitor.Model;
using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>The process picker's lines: what Enter would do, the column titles, then one row per process.</summary>
public static class PickerPanel
{
    public const int HeaderRows = 2;

    public static PanelContent Render(DashboardState state, int width, Glyphs glyphs)
    {
        var picker = state.Picker;
        var hint = new LineBuilder(width).Gap();
        hint.Add(picker.SelectedChoice switch
        {
            null => "no .NET processes of this user found",
            { Status: TargetStatus.Available } c => $"Enter watches {c.Pid}",
            { Status: TargetStatus.Exited } c => $"Enter drops {c.Pid}'s last figures",
            var c => $"Enter stops watching {c.Pid}",
        }, Tone.Accent).Add("; arrows move; Esc or p closes", Tone.Dim);
        var titles = new LineBuilder(width).Gap().Right("PID", 7).Gap().Left("STATE", 8).Gap().Left("NAME", 16).Gap().Add("COMMAND LINE");
        var rows = picker.Choices.Select((choice, i) => Row(choice, width, i == picker.Selected)).ToArray();
        return new PanelContent([hint.Build(), titles.Build(Tone.Heading)], rows);
    }

    /// <summary>Body rows to show: one per choice, at least one.</summary>
    public static int RowCount(DashboardState state) => Math.Max(1, state.Picker.Choices.Count);

    private static StyledLine Row(TargetChoice choice, int width, bool selected)
    {
        var line = new LineBuilder(width).Gap().Right(choice.Pid.ToString(), 7).Gap().Left(StateWord(choice.Status), 8).Gap()
            .Left(choice.Name, 16).Gap().Add(choice.CommandLine);
        return selected ? line.Add(new string(' ', line.Remaining)).Build(Tone.Selected)
            : choice.Status == TargetStatus.Exited ? line.Build(Tone.Dim) : line.Build();
    }

    private static string StateWord(TargetStatus status) => status switch
    {
        TargetStatus.Watched => "watched",
        TargetStatus.Child => "child",
        TargetStatus.Exited => "exited",
        _ => "",
    };
}

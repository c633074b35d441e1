using System.CommandLine;
using Monitor.Tui;

namespace Monitor.Cli.Commands;

/// <summary>How the terminal UI presents itself, shared by tui, attach and replay.</summary>
public sealed class UiOptions
{
    public Option<bool> NoColor { get; } = new("--no-color") { Description = "monochrome (also when NO_COLOR is set)" };
    public Option<bool> NoMouse { get; } = new("--no-mouse") { Description = "ask the terminal not to send mouse reports" };
    public Option<bool> Ascii { get; } = new("--ascii") { Description = "plain ASCII instead of block and box characters" };

    public IReadOnlyList<Option> All => [NoColor, NoMouse, Ascii];

    public void AddTo(Command command)
    {
        command.Options.Add(NoColor);
        command.Options.Add(NoMouse);
        command.Options.Add(Ascii);
    }

    public MonitorAppOptions Read(ParseResult parse) =>
        MonitorAppOptions.From(parse.GetValue(NoColor), parse.GetValue(NoMouse), parse.GetValue(Ascii));
}

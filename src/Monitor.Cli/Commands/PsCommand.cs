using System.CommandLine;
using Monitor.Cli.Sinks;
using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Model;

namespace Monitor.Cli.Commands;

/// <summary>`monitor ps`: the .NET processes this user can attach to, like `dotnet-counters ps`.</summary>
public static class PsCommand
{
    public static Command Create()
    {
        var command = new Command("ps", "List the .NET processes that can be attached to.");
        command.SetAction(_ =>
        {
            var processes = DotnetProcesses.List();
            if (processes.Count == 0)
            {
                Console.WriteLine("no .NET processes with a diagnostic socket found");
                return 0;
            }
            foreach (var line in Format.Table(["pid", "name", "command line"],
                         processes.Select(p => (IReadOnlyList<string>)[p.Pid.ToString(), p.Name, Shorten(p.CommandLine, 100)])))
            {
                Console.WriteLine(line);
            }
            return 0;
        });
        return command;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

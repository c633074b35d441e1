using System.CommandLine;
using Monitor.Cli.Hosting;
using Monitor.Recording.Analysis;
using Monitor.Recording.Conversion;

namespace Monitor.Cli.Commands;

/// <summary>`monitor convert`: flame graphs from a recording made with --stacks, one file per recorded process.</summary>
public static class ConvertCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("bundle") { Description = "a trace bundle recorded with --stacks, or a .nettrace with sample-profiler events" };
        var format = TypedOption.Word("--format", "format", FlameGraphFormat.Speedscope, "the flame graph's file format", "-f");
        var output = new Option<string?>("--output", "-o") { Description = "the file to write (several processes: -<pid> is added to its name); default: <input><.format>.json here" };
        var command = new Command("convert", "Write a flame graph (speedscope or Chromium trace JSON) from a recording's sampled stacks.");
        command.Arguments.Add(path);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(parse => Execute(parse.GetValue(path)!, format.ValueIn(parse), parse.GetValue(output), Console.Out, Console.Error));
        return command;
    }

    public static int Execute(string path, FlameGraphFormat format, string? output, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var traces = FlameGraphConverter.TracesWithSamples(path);
            string baseName = output ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))) + format.Extension();
            foreach (var trace in traces)
            {
                string target = traces.Count == 1 ? baseName : WithPid(baseName, trace.Pid, format);
                if (File.Exists(target) || Directory.Exists(target)) throw new UnusableInputException($"{target} already exists; choose another file with -o");
                FlameGraphConverter.Convert(trace.File, format, target);
                stdout.WriteLine($"wrote {target} ({trace.StackSamples:N0} stack samples of process {trace.Pid}{(trace.Complete ? "" : ", trace cut short")})");
            }
            return ExitCodes.Ok;
        }
        catch (UnusableInputException e)
        {
            stderr.WriteLine($"monitor: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"monitor: cannot write the flame graph: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    private static string WithPid(string file, int pid, FlameGraphFormat format)
    {
        string extension = format.Extension();
        return file.EndsWith(extension, StringComparison.OrdinalIgnoreCase)
            ? $"{file[..^extension.Length]}-{pid}{extension}"
            : $"{file}-{pid}";
    }
}

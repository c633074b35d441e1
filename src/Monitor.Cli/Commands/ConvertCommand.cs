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
        var cancel = AppLifetime.Stopping;
        string? target = null;
        try
        {
            var traces = FlameGraphConverter.TracesWithSamples(path, cancel);
            string baseName = output ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))) + format.Extension();
            bool followLink = !Directory.Exists(path);
            foreach (var trace in traces)
            {
                target = traces.Count == 1 ? baseName : WithPid(baseName, trace.Pid, format);
                if (File.Exists(target) || Directory.Exists(target) || new FileInfo(target).LinkTarget is not null)
                {
                    throw new UnusableInputException($"{target} already exists; choose another file with -o");
                }
                FlameGraphConverter.Convert(trace.File, format, target, followLink, cancel);
                stdout.WriteLine($"wrote {target} ({trace.StackSamples:N0} stack samples of process {trace.Pid}{(trace.Complete ? "" : ", trace cut short")})");
            }
            return ExitCodes.Ok;
        }
        catch (UnusableInputException e)
        {
            stderr.WriteLine(ErrorLine.Of(e.Message));
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk leaves nothing behind: the output is only named once it is whole.
            stderr.WriteLine(ErrorLine.Of($"cannot write the flame graph{(target is null ? "" : " " + target)}: {e.Message}"));
            return ExitCodes.Failed;
        }
    }

    /// <summary>One file per process: the pid goes before the extension, so x.json becomes x-1234.json and
    /// b.speedscope.json b-1234.speedscope.json; a name without an extension gets it at its end.</summary>
    public static string WithPid(string file, int pid, FlameGraphFormat format)
    {
        string directory = Path.GetDirectoryName(file) ?? "";
        string name = Path.GetFileName(file);
        string extension = name.EndsWith(format.Extension(), StringComparison.OrdinalIgnoreCase) ? format.Extension() : Path.GetExtension(name);
        string stem = extension.Length > 0 && name.Length > extension.Length ? name[..^extension.Length] : name;
        if (stem.Length == name.Length) extension = "";
        return Path.Combine(directory, $"{stem}-{pid}{extension}");
    }
}

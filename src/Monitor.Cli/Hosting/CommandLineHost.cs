using System.CommandLine;
using Monitor.Runners;

namespace Monitor.Cli.Hosting;

/// <summary>
/// Runs a parsed command line with this tool's rules: bad usage is one line on stderr and exit 2, an unexpected
/// failure is one line and exit 1, never a stack trace; worker processes never outlive the command.
/// </summary>
public static class CommandLineHost
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // `monitor frob` yields "Required command was not provided." before "Unrecognized command or argument
            // 'frob'.": the error that names what the user typed says more.
            var named = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal)));
            return Usage((named ?? parse.Errors[0]).Message);
        }
        try
        {
            // A wrong MONITOR_SAMPLER is refused before anything starts, not when the first session opens.
            Diagnostics.Sources.OsThreads.ThreadSamplers.Chosen();
        }
        catch (Model.RequestRefusedException e)
        {
            Console.Error.WriteLine(ErrorLine.Of(e.Message));
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            return Usage(e.Message);
        }
        catch (Model.RequestRefusedException e)
        {
            return Usage(e.Message);
        }
        catch (Export.ExportUnavailableException e)
        {
            Console.Error.WriteLine($"monitor: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (AppLifetime.Stopping.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e.GetBaseException() is PythonNotFoundException)
        {
            Console.Error.WriteLine(ErrorLine.Of("--runtime python runs the machine's python3, and none was found on PATH: install python3, or use --runtime dotnet"));
            return ExitCodes.CannotRun;
        }
        catch (Recording.RecordingFailedException e)
        {
            // The machine's fault (a full disk), not the user's input: a failure, said in its own words.
            Console.Error.WriteLine(ErrorLine.Of(e.Message));
            return ExitCodes.Failed;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(ErrorLine.Of($"error: {e.GetBaseException().Message}"));
            return ExitCodes.Failed;
        }
        finally
        {
            ChildProcesses.KillAll();
        }
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine(ErrorLine.Of($"{message} (see monitor --help)"));
        return ExitCodes.Usage;
    }
}

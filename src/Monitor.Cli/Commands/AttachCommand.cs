using System.CommandLine;
using Monitor.Cli.Hosting;
using Monitor.Cli.Sessions;
using Monitor.Cli.Sinks;
using Monitor.Diagnostics.Sources.EventPipe;

namespace Monitor.Cli.Commands;

/// <summary>`monitor attach PID`: the same snapshots for a running .NET process Monitor did not start.</summary>
public static class AttachCommand
{
    public static Command Create()
    {
        // Optional to the parser so a missing pid gets a message that names it, not "Required argument missing".
        var pid = new Argument<string?>("pid") { Description = "a .NET process of this user (see monitor ps)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "one snapshot per line as JSON instead of text" };
        var duration = new Option<string?>("--duration") { Description = "stop after this many seconds (default: until the process exits or Ctrl+C)" };
        var interval = new Option<string>("--interval") { Description = "ms between snapshots (min 100)", DefaultValueFactory = _ => "1000" };
        var command = new Command("attach", "Watch a running .NET process: per-thread CPU, contention, GC and memory.");
        command.Arguments.Add(pid);
        command.Options.Add(json);
        command.Options.Add(duration);
        command.Options.Add(interval);
        command.SetAction((parse, cancel) =>
        {
            int target = ReadPid(parse.GetValue(pid) ?? throw new UsageException("attach needs the pid of a .NET process (see monitor ps)"));
            var every = IntervalOption.Read(parse.GetValue(interval)!);
            TimeSpan? limit = parse.GetValue(duration) is { } d ? ReadDuration(d) : null;
            IRunSink sink = parse.GetValue(json)
                ? new JsonLinesSink(Console.OpenStandardOutput())
                : new ConsoleTextSink(Console.Out, !Console.IsOutputRedirected);
            return ExecuteAsync(target, every, limit, sink, cancel);
        });
        return command;
    }

    public static int ReadPid(string text)
    {
        long value = NumberParser.ParseCount(text, "pid");
        if (value < 1 || value > int.MaxValue) throw new UsageException($"pid must be a positive process id (got {text})");
        return (int)value;
    }

    private static TimeSpan ReadDuration(string text)
    {
        long seconds = NumberParser.ParseCount(text, "--duration");
        if (seconds < 1 || seconds > 7 * 24 * 3600) throw new UsageException($"--duration must be 1..604800 seconds (got {text})");
        return TimeSpan.FromSeconds(seconds);
    }

    private static async Task<int> ExecuteAsync(int pid, TimeSpan interval, TimeSpan? limit, IRunSink sink, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, AppLifetime.Stopping);
        await using var observation = new Observation(DiagnosticsLevel.Full, interval, singleThreadRate: null);
        observation.SnapshotTaken += sink.OnSnapshot;
        ExternalProcessSession session;
        try
        {
            session = await observation.AttachAsync(pid, interval, stop.Token);
        }
        catch (AttachFailedException e)
        {
            throw new UsageException(e.Message);
        }
        await using (session)
        {
            var ended = session.Completion;
            var timeout = limit is { } l ? Task.Delay(l, stop.Token) : Task.Delay(Timeout.Infinite, stop.Token);
            await Task.WhenAny(ended, timeout);
            observation.Final();
            if (ended.IsCompleted)
            {
                Console.Error.WriteLine($"monitor: process {pid} has exited; attach ends");
            }
        }
        // Ending an attach (Ctrl+C, --duration, the target exiting) is the normal way out.
        return ExitCodes.Ok;
    }
}

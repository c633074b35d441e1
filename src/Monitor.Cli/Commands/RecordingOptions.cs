using System.CommandLine;
using Monitor.Cli.Hosting;
using Monitor.Recording.Bundles;
using Monitor.Sessions;

namespace Monitor.Cli.Commands;

/// <summary>Where a session is recorded: the options shared by every command that observes (run, and later tui and
/// attach).</summary>
public sealed class RecordingOptions
{
    public Option<string?> Record { get; } = new("--record") { Description = "record a trace bundle into this new directory (see monitor analyze)" };
    public Option<string?> TraceDir { get; } = new("--trace-dir") { Description = "record a trace bundle into a new monitor-<mode>-<time> directory here" };
    public Option<bool> Stacks { get; } = new("--stacks") { Description = "sample stacks: attach shows hot methods, stacks and wait sites live; a recording keeps them for flame graphs (monitor convert)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Record);
        command.Options.Add(TraceDir);
        command.Options.Add(Stacks);
    }

    /// <summary>The bundle directory to create, or null when not recording. Throws <see cref="UsageException"/>.</summary>
    /// <param name="liveStacks">the command shows stacks live (attach): --stacks alone asks for that, not for a
    /// recording.</param>
    public RecordingRequest? Read(ParseResult parse, string mode, bool liveStacks = false)
    {
        string? record = parse.GetValue(Record);
        string? parent = parse.GetValue(TraceDir);
        bool stacks = parse.GetValue(Stacks);
        if (record is not null && parent is not null) throw new UsageException("use --record DIR or --trace-dir PARENT, not both");
        if (record is null && parent is null)
        {
            if (stacks && !liveStacks) throw new UsageException("--stacks only applies to a recording: add --record DIR or --trace-dir PARENT");
            return null;
        }
        if (record is { Length: 0 } || parent is { Length: 0 }) throw new UsageException("the recording directory must not be empty");
        if (parent is not null && !Directory.Exists(parent)) throw new UsageException($"--trace-dir {parent} is not an existing directory");
        string directory = record ?? Path.Combine(parent!, BundleLayout.DefaultDirectoryName(mode, DateTimeOffset.Now));
        return new RecordingRequest(directory, stacks);
    }
}


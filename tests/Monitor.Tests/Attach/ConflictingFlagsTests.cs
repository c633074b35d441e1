using Monitor.Tests.Reliability;

namespace Monitor.Tests.Attach;

/// <summary>Options that cannot work together are refused like any bad usage (one line, exit 2, nothing started),
/// before the pid is even looked at: pid 1 is never attached to here.</summary>
public class ConflictingFlagsTests
{
    public static TheoryData<string[], string> Conflicts => new()
    {
        { ["attach", "1", "--json", "--text"], "use --json or --text, not both" },
        { ["attach", "1", "--text", "--json"], "use --json or --text, not both" },
        { ["attach", "1", "--json", "--no-color"], "--no-color applies to the terminal UI only" },
        { ["attach", "1", "--text", "--ascii"], "--ascii applies to the terminal UI only" },
        { ["attach", "1", "--json", "--no-mouse"], "--no-mouse applies to the terminal UI only" },
        { ["attach", "1", "--json", "--thread-series", "4"], "--thread-series only applies to an export" },
        { ["attach", "1", "--json", "--record", "/nonexistent/a", "--trace-dir", "/tmp"], "not both" },
        // attach takes --stacks alone (live stacks); a run only records them.
        { ["run", "--n", "1000", "--json", "--stacks"], "--stacks only applies to a recording" },
        { ["run", "--json", "--lock-series", "2"], "--lock-series only applies to an export" },
        { ["run", "--n", "1000", "--diagnostics", "none", "--record", "/nonexistent/b"], "recording needs --diagnostics" },
        { ["replay", "/nonexistent/c", "--json", "--text"], "use --json or --text, not both" },
    };

    [Theory]
    [MemberData(nameof(Conflicts))]
    public Task Conflicting_flags_are_refused_with_one_line_and_exit_code_2(string[] args, string mentioned) =>
        BadInput.AssertRefusedAsync(args, mentioned);
}

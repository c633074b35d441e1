namespace Monitor.Tests.Reliability;

/// <summary>Bad input to `monitor tui` and to the root command `monitor` (which opens the same UI) is refused the same
/// way (<see cref="BadInput"/>), before any terminal is touched; so is a UI asked for without a terminal.</summary>
public class TuiBadInputTests
{
    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["frob"], "frob" },
        { ["--bogus"], "--bogus" },
        { ["--n", "0"], "N must be" },
        { ["--n", "abc"], "abc" },
        { ["--n", "1e30"], "1e13" },
        { ["--workers", "0"], "at least 1" },
        { ["--workers", "100000"], "256" },
        { ["--interval", "0"], "--interval" },
        { ["--mode", "fibers"], "fibers" },
        { ["--runtime", "python"], "--runtime" },
        { [], "needs a terminal" },
        { ["tui", "--bogus"], "--bogus" },
        { ["tui", "extra"], "extra" },
        { ["tui", "--n", "0"], "N must be" },
        { ["tui", "--n", "-1"], "N must be" },
        { ["tui", "--n", "1e30"], "1e13" },
        { ["tui", "--n", "abc"], "abc" },
        { ["tui", "--n"], "--n" },
        { ["tui", "--workers", "0"], "at least 1" },
        { ["tui", "--workers", "-3"], "at least 1" },
        { ["tui", "--workers", "100000"], "256" },
        { ["tui", "--mode", "processes", "--workers", "65"], "64" },
        { ["tui", "--interval", "0"], "--interval" },
        { ["tui", "--mode", "fibers"], "fibers" },
        { ["tui", "--n", "1;rm -rf /"], "1;rm -rf /" },
        { ["tui"], "needs a terminal" },
        { ["tui", "--mode", "gil", "--workers", "4", "--n", "1e9"], "needs a terminal" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public Task Bad_input_gives_one_line_on_stderr_and_exit_code_2(string[] args, string mentioned) =>
        BadInput.AssertRefusedAsync(args, mentioned);
}

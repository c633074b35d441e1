namespace Monitor.Tests.Reliability;

/// <summary>Every kind of bad input to `monitor run` is refused the same way (<see cref="BadInput"/>), hostile-looking
/// values included: they are validated as numbers and names, never handed to a shell.</summary>
public class RunBadInputTests
{
    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["run", "--bogus"], "--bogus" },
        { ["run", "frob", "--n", "1e8"], "frob" },
        { ["run", "--n", "1e8", "--frobnicate", "3"], "--frobnicate" },
        { ["run", "--mode", "fibers", "--n", "1e8"], "fibers" },
        { ["run", "--mode", "fibers"], "fibers" },
        { ["run", "--mode"], "--mode" },
        { ["run", "--work", "disk", "--n", "1e8"], "disk" },
        { ["run", "--runtime", "ruby", "--n", "1e8"], "ruby" },
        { ["run", "--diagnostics", "lots", "--n", "1e8"], "lots" },
        { ["run", "--n", "0"], "N must be" },
        { ["run", "--n", "-1"], "N must be" },
        { ["run", "--n", "-5"], "N must be" },
        { ["run", "--n", "-1e30"], "N must be" },
        { ["run", "--n", "10000000000001"], "1e13" },
        { ["run", "--n", "1e30"], "1e13" },
        { ["run", "--n", "99999999999999999999999"], "1e13" },
        { ["run", "--n", "abc"], "abc" },
        { ["run", "--n", ""], "N must be" },
        { ["run", "--n", "1.5"], "whole number" },
        { ["run", "--n", "NaN"], "NaN" },
        { ["run", "--n", "Infinity"], "Infinity" },
        { ["run", "--n"], "--n" },
        { ["run", "--n", "1e8", "--n", "1e9"], "--n" },
        { ["run", "--workers", "0", "--n", "1e8"], "at least 1" },
        { ["run", "--workers", "-3", "--n", "1e8"], "at least 1" },
        { ["run", "--workers", "0"], "at least 1" },
        { ["run", "--workers", "many", "--n", "1e8"], "many" },
        { ["run", "--workers", "100000", "--n", "1e8"], "256" },
        { ["run", "--mode", "gil", "--workers", "100000", "--n", "1e8"], "256" },
        { ["run", "--mode", "processes", "--workers", "100000", "--n", "1e8"], "64" },
        { ["run", "--mode", "single", "--workers", "2", "--n", "1e8"], "single" },
        { ["run", "--mode", "single", "--workers", "0", "--n", "1e8"], "single" },
        { ["run", "--interval", "0", "--n", "1e8"], "--interval" },
        { ["run", "--interval", "0"], "--interval" },
        { ["run", "--interval", "-100", "--n", "1e8"], "--interval" },
        { ["run", "--interval", "1e30", "--n", "1e8"], "--interval" },
        { ["run", "--mode", "gil", "--switch-ms", "-1", "--n", "1e8"], "switch" },
        { ["run", "--mode", "gil", "--switch-ms", "0", "--lock-block", "0", "--n", "1e8"], "lock block" },
        // Only integers, '_' the only separator, and 1e8 only when it is exactly an integer: nothing that only rounds
        // to one (this N used to run as 2), no other separator (this used to start 30 workers).
        { ["run", "--n", "2.00000000000000001"], "whole number" },
        { ["run", "--n", "2.0"], "whole number" },
        { ["run", "--n", "1.00000000000000001e8"], "whole number" },
        { ["run", "--n", "1,000"], "1,000" },
        { ["run", "--n", "1__000"], "1__000" },
        { ["run", "--workers", "3,0", "--n", "1e8"], "3,0" },
        { ["run", "--workers", "2.5", "--n", "1e8"], "whole number" },
        // Beyond any 64-bit number: the option's own range, not a clamped 9223372036854775807 nobody typed.
        { ["run", "--mode", "gil", "--switch-ms", "0", "--lock-block", "1e30", "--n", "1e8"], "--lock-block must be 1..100,000,000 iterations (got 1e30)" },
        { ["run", "--workers", "1e30", "--n", "1e8"], "--workers must be" },
        // Hostile-looking values: refused by validation, so nothing of them ever reaches a worker's command line.
        { ["run", "--n", "1;rm -rf /"], "1;rm -rf /" },
        { ["run", "--n", "$(touch /tmp/monitor-pwned)"], "$(touch" },
        { ["run", "--workers", "2 && reboot", "--n", "1e8"], "2 && reboot" },
        { ["run", "--mode", "threads;reboot", "--n", "1e8"], "threads;reboot" },
        { ["run", "--work", "cpu`id`", "--n", "1e8"], "cpu`id`" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public Task Bad_input_gives_one_line_on_stderr_and_exit_code_2(string[] args, string mentioned) =>
        BadInput.AssertRefusedAsync(args, mentioned);
}

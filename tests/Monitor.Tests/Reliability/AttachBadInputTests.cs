using System.Diagnostics;

namespace Monitor.Tests.Reliability;

/// <summary>`monitor attach` to something it cannot watch is refused the same way (<see cref="BadInput"/>): no such
/// pid, a pid that is not a .NET process, a pid that is not a number; as are bad options. Pid 1 is only looked at
/// (its /proc entry and whether it has a diagnostic socket); nothing is sent to it.</summary>
public class AttachBadInputTests
{
    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["attach"], "pid" },
        { ["attach", "--json"], "pid" },
        { ["attach", "abc"], "abc" },
        { ["attach", "0"], "pid must be" },
        { ["attach", "-1"], "-1" },
        { ["attach", "1.5"], "whole number" },
        { ["attach", "1e30"], "pid must be" },
        { ["attach", "99999999999"], "pid must be" },
        { ["attach", "2147483647"], "no process with pid 2147483647" },
        { ["attach", "1"], "not a .NET process" },
        { ["attach", "1", "1"], "pid 1 is given twice" },
        { ["attach", "abc", "1"], "abc" },
        { ["attach", "1", "0"], "pid must be" },
        { ["attach", "1", "--bogus"], "--bogus" },
        { ["attach", "1", "--interval", "0"], "--interval" },
        { ["attach", "1", "--interval", "abc"], "abc" },
        { ["attach", "1", "--duration", "0"], "--duration" },
        { ["attach", "1", "--duration", "-5"], "--duration" },
        { ["attach", "1;rm -rf /"], "1;rm -rf /" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public Task Bad_input_gives_one_line_on_stderr_and_exit_code_2(string[] args, string mentioned) =>
        BadInput.AssertRefusedAsync(args, mentioned);

    [Fact]
    public async Task A_process_that_is_not_dotnet_is_refused()
    {
        using var sleep = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            await BadInput.AssertRefusedAsync(["attach", sleep.Id.ToString()], "not a .NET process");
        }
        finally
        {
            sleep.Kill();
        }
    }
}

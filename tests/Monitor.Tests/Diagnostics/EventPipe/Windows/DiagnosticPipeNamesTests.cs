using System.Text.RegularExpressions;
using Monitor.Diagnostics.Sources.EventPipe.Windows;
using Monitor.Workloads;

namespace Monitor.Tests.Diagnostics.EventPipe.Windows;

public sealed class DiagnosticPipeNamesTests
{
    [Fact]
    public void Port_names_carry_the_pid_64_random_bits_and_the_port_number()
    {
        string prefix = DiagnosticPipeNames.NewPortPrefix();

        Assert.Matches(new Regex($"^monitor-{Environment.ProcessId}-[0-9a-f]{{16}}$"), prefix);
        Assert.Equal($"{prefix}-w1", DiagnosticPipeNames.Port(prefix, 1));
        Assert.Equal($"{prefix}-w12", DiagnosticPipeNames.Port(prefix, 12));
        // A pipe name has no backslash and stays far below the 256 characters a pipe name may have.
        Assert.DoesNotContain('\\', DiagnosticPipeNames.Port(prefix, int.MaxValue));
        Assert.True(DiagnosticPipeNames.Port(prefix, int.MaxValue).Length < 64);
    }

    [Fact]
    public void Each_monitor_gets_names_nobody_could_have_guessed()
    {
        var prefixes = Enumerable.Range(0, 2000).Select(_ => DiagnosticPipeNames.NewPortPrefix()).ToList();

        Assert.Equal(prefixes.Count, prefixes.Distinct().Count());
        // Every hex digit shows up at every position: the suffix is not a counter or a clock.
        var suffixes = prefixes.Select(p => p[^16..]).ToList();
        for (int position = 0; position < 16; position++)
        {
            Assert.Equal(16, suffixes.Select(s => s[position]).Distinct().Count());
        }
    }

    [Fact]
    public void The_owner_of_a_port_name_reads_as_for_a_private_directory()
    {
        string port = DiagnosticPipeNames.Port(DiagnosticPipeNames.NewPortPrefix(), 3);

        Assert.Equal(Environment.ProcessId, DeadOwnerDirectories.OwnerOf(port, OrphanCleanup.PrivateDirectoryPrefix));
    }

    [Theory]
    [InlineData("dotnet-diagnostic-1234", 1234)]
    [InlineData("dotnet-diagnostic-4", 4)]
    [InlineData("dotnet-diagnostic-", null)]
    [InlineData("dotnet-diagnostic-0", null)]
    [InlineData("dotnet-diagnostic-12a", null)]
    [InlineData("dotnet-diagnostic-1234-5678-socket", null)]
    [InlineData("dotnet-diagnostic--5", null)]
    [InlineData("dotnet-diagnostic-99999999999", null)]
    [InlineData("monitor-1234-abcdef-w1", null)]
    [InlineData("Dotnet-Diagnostic-1234", null)]
    public void Default_endpoint_pipe_names_give_their_pid(string name, int? pid) => Assert.Equal(pid, DiagnosticPipeNames.PidOfDefault(name));
}

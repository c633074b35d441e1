using System.Globalization;
using Monitor.Cli.Sinks;
using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Compare;

/// <summary>The matrix yields one correct, fully measured row per mode, announces each as it is measured, and reads
/// its own figures. No wall time or speed-up is asserted: the machine is shared.</summary>
[Collection(DotnetComparisonCollection.Name)]
public class DotnetMatrixTests(DotnetComparison comparison)
{
    [Fact]
    public void One_correct_row_per_mode_in_matrix_order()
    {
        var rows = comparison.Report.Rows;

        Assert.Equal([RunMode.Single, RunMode.Threads, RunMode.Processes, RunMode.Gil], rows.Select(r => r.Spec.Mode));
        Assert.Equal([1, 2, 2, 2], rows.Select(r => r.Spec.Workers));
        Assert.All(rows, r =>
        {
            Assert.True(r.Correct, r.Failure);
            Assert.Equal(WorkerRuntime.Dotnet, r.Spec.Runtime);
            Assert.False(r.Spec.IsAlias);
            Assert.Equal(DotnetComparison.N, r.N);
            Assert.Equal(1, r.Repeats);
            Assert.True(r.ElapsedMs > 0);
            // The single row is the baseline; every other row has a speed-up or says why its quotient is none.
            if (r.Spec.Mode == RunMode.Single) Assert.Null(r.SpeedUpFigure);
            else Assert.NotNull(r.Speedup ?? (object?)r.SpeedupUncertain);
            Assert.NotNull(r.EffectiveParallelism);
            Assert.NotNull(r.CpuMs);
            Assert.True(r.PeakWorkingSetBytes > 0);
            Assert.NotNull(r.StartupMs);
            Assert.NotNull(r.ContentionCount);
            Assert.NotNull(r.GcCount);
            if (OperatingSystem.IsLinux()) Assert.NotNull(r.OtherCpuPercent);
        });
        Assert.Null(rows[0].Speedup);
        Assert.Equal(2, rows.Single(r => r.Spec.Mode == RunMode.Processes).ProcessCount);
        Assert.True(comparison.Report.AllCorrect);
    }

    [Fact]
    public void Capacity_and_every_row_are_announced_as_they_are_measured()
    {
        var capacity = Assert.IsType<Monitor.Sessions.Comparison.MachineCapacity>(comparison.AnnouncedCapacity);
        Assert.Equal(Environment.ProcessorCount, capacity.LogicalCpus);
        Assert.Equal(2, capacity.Workers);
        Assert.True(capacity.Parallelism > 0);

        Assert.Equal(comparison.Report.Rows.Select(r => r.Spec), comparison.Announced.Select(r => r.Spec));
        Assert.All(comparison.Announced, r => Assert.Equal(1, r.Repeats));
    }

    [Fact]
    public void The_reading_quotes_this_runs_figures()
    {
        var report = comparison.Report;
        var reading = report.Reading;
        var single = report.Rows[0];
        var fastest = report.Rows.MinBy(r => r.ElapsedMs)!;

        Assert.InRange(reading.Count, 3, 5);
        string winner = Assert.Single(reading, l => l.StartsWith("dotnet: ", StringComparison.Ordinal));
        Assert.Contains(fastest.Spec.Label, winner);
        Assert.Contains(Format.Duration(single.ElapsedMs), winner);
        Assert.Contains(Format.Duration(fastest.ElapsedMs), winner);
        string machine = Assert.Single(reading, l => l.StartsWith("This machine: ", StringComparison.Ordinal));
        Assert.Contains(report.Capacity.Parallelism.ToString("0.00", CultureInfo.InvariantCulture) + "×", machine);
        // Heavy load from others is read before any verdict on the modes.
        Assert.Equal(report.OtherLoadSignificant, reading[0] == machine);
    }
}

using System.Text;
using System.Text.Json;
using Monitor.Model;
using Monitor.Tests.Tui;

namespace Monitor.Tests.Attach;

/// <summary>The runtime figures' JSON: the names scripts read (issue #16), left out where unknown, read back as
/// written (a recording replays them).</summary>
public class RuntimeJsonTests
{
    private static string Write(Snapshot s)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) SnapshotJson.Write(w, s);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Snapshot With(RuntimeSample? runtime)
    {
        var gil = CannedSnapshots.Gil();
        return gil with { Processes = [.. gil.Processes.Select(p => p with { Runtime = runtime })] };
    }

    [Fact]
    public void Each_figure_has_its_name_and_reads_back_as_written()
    {
        var figures = new RuntimeSample(25, 223, 19.04, 10, 2.504, 33_554_432.4, 54_000, 437_000, 1_200_000, 67_108_920, 8_396_816, 199.06, 20.04,
            ThreadPoolCompletedItems: 12345);

        string line = Write(With(figures));
        var runtime = JsonDocument.Parse(line).RootElement.GetProperty("processes")[0].GetProperty("runtime");

        string[] names = [.. runtime.EnumerateObject().Select(p => p.Name)];
        Assert.Equal(
            ["threadPoolThreads", "threadPoolQueueLength", "threadPoolCompletedPerSec", "starvationAdjustments", "gcPausePercent",
             "allocBytesPerSec", "gen0Bytes", "gen1Bytes", "gen2Bytes", "lohBytes", "pohBytes", "exceptionsPerSec", "methodsJittedPerSec"],
            names);
        Assert.Equal(2.5, runtime.GetProperty("gcPausePercent").GetDouble());
        Assert.Equal(33_554_432, runtime.GetProperty("allocBytesPerSec").GetDouble());
        Assert.Equal(
            figures with { ThreadPoolCompletedPerSec = 19, GcPausePercent = 2.5, AllocBytesPerSec = 33_554_432, ExceptionsPerSec = 199.1, MethodsJittedPerSec = 20, ThreadPoolCompletedItems = null },
            SnapshotJson.Parse(line).Processes[0].Runtime);
    }

    [Fact]
    public void A_process_whose_runtime_is_not_read_has_no_runtime_field_and_unknown_figures_are_left_out()
    {
        var process = JsonDocument.Parse(Write(With(null))).RootElement.GetProperty("processes")[0];
        Assert.False(process.TryGetProperty("runtime", out _));

        var runtime = JsonDocument.Parse(Write(With(new RuntimeSample(ThreadPoolThreads: 3)))).RootElement
            .GetProperty("processes")[0].GetProperty("runtime");
        Assert.Equal(["threadPoolThreads"], runtime.EnumerateObject().Select(p => p.Name));
    }
}

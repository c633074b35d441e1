using System.Text.Json;
using Monitor.Model;

namespace Monitor.Tests.Workloads;

/// <summary>The worker's hand-formatted lines are exactly what the JSON context writes for the same messages, and read
/// back as the messages they were (figures as rounded as they were written).</summary>
public class WorkerMessageFormatTests
{
    public static TheoryData<WorkerMessage> Messages() =>
    [
        new WorkerStarted(0, 4242, 4250, 0, 500_000_000, 123_456_789_012_345),
        new WorkerStarted(3, 1, 2, 10, 20),
        new WorkerProgress(1, 1_234_567, 12.5),
        new WorkerProgress(1, 0),
        new WorkerFinished(1, 1000, Int128.Parse("480499999984500000000"), 1.25),
        new WorkerFinished(0, 5, -3),
        new WorkerUsage(7, 1234.5, 33_554_432, 1000.125, 234.375, 99),
        new WorkerUsage(7, 0, 0),
        new CalibrationResult(123_456_789.12345679, 234_567_890.5, 0.99999),
        new CalibrationResult(3.1e9),
        new CalibrationResult(1e21, 1.5e-7, 1),
        new WorkerError("bad \"n\" <&> é\n\t+"),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void Format_writes_what_the_context_writes_and_reads_back(WorkerMessage message)
    {
        string line = WorkerMessage.Format(message);

        Assert.Equal(JsonSerializer.Serialize(message, MonitorJsonContext.Default.WorkerMessage), line);
        Assert.True(WorkerMessage.TryParse(line, out var read));
        Assert.Equal(message, read);
    }

    [Fact]
    public void Figures_are_rounded_as_the_context_rounds_them()
    {
        var message = new WorkerUsage(7, 1234.56789, 1, 1000.1234, 234.4444);

        Assert.Equal(JsonSerializer.Serialize<WorkerMessage>(message, MonitorJsonContext.Default.WorkerMessage), WorkerMessage.Format(message));
        Assert.Equal("{\"type\":\"usage\",\"pid\":7,\"cpuMs\":1234.568,\"peakWorkingSetBytes\":1,\"userMs\":1000.123,\"systemMs\":234.444}", WorkerMessage.Format(message));
    }
}

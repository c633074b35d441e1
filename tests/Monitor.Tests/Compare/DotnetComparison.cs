using Monitor.Sessions.Comparison;
using Monitor.Runners;
using Monitor.Workloads;
using Monitor.Model;

namespace Monitor.Tests.Compare;

/// <summary>One small .NET comparison (K = 2, N = 5e8), run once in this process through the reusable matrix and
/// shared by the tests that read its rows and formats; the rows the matrix announced along the way are kept.</summary>
public sealed class DotnetComparison : IAsyncLifetime
{
    public const long N = 500_000_000;

    public ComparisonReport Report { get; private set; } = null!;
    public List<ComparisonRow> Announced { get; } = new();
    public MachineCapacity? AnnouncedCapacity { get; private set; }

    public async Task InitializeAsync()
    {
        var matrix = new ComparisonMatrix(new ComparisonSettings(2, N, WorkKind.Cpu, [WorkerRuntime.Dotnet]));
        matrix.RowMeasured += row => { lock (Announced) Announced.Add(row); };
        matrix.CapacityMeasured += c => AnnouncedCapacity = c;
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        Report = await matrix.RunAsync(guard.Token);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

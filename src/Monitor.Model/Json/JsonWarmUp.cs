using System.Text.Json;

namespace Monitor.Model;

/// <summary>
/// The serializer's first use of the context costs a process tens of ms of CPU (options, metadata and converters set
/// up, source-generated and precompiled alike). Monitor pays it for the JSON a run reads and writes while its workers
/// compute (the workers' lines, run --json's lines, snapshots) before they start, not on the CPUs they compute on.
/// </summary>
public static class JsonWarmUp
{
    public static void Run()
    {
        WorkerMessage.TryParse(WorkerMessage.Format(new WorkerProgress(0, 0, 0)), out _);
        using var nowhere = new Utf8JsonWriter(Stream.Null);
        JsonSerializer.Serialize(nowhere, new ProgressLine(0, 0, 0), MonitorJsonContext.Default.ProgressLine);
        nowhere.Reset();
        SnapshotJson.Write(nowhere, Sample);
    }

    private static readonly Snapshot Sample = new(
        DateTimeOffset.UnixEpoch, 0, 1, new WorkloadInfo(RunMode.Threads, WorkKind.Cpu, WorkerRuntime.Dotnet, 1, 1, 0, 0, false),
        [new ProcessSample(1, "worker", ProcessRole.Worker, 0, 0, 0, 0, 0, 0, 1, false)],
        [new ThreadSample(1, 1, "worker", ThreadRole.Worker, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'R')],
        new ContentionSample(0, 0, [new LockSample(1, 1, 0, 0, null, [])]),
        new Totals(0, 0, 0, 0, 0, null, 0, 0, 0));
}

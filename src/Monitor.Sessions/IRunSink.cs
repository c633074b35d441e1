using Monitor.Runners;
using Monitor.Model;

namespace Monitor.Sessions;

/// <summary>A headless output of `monitor run`: told when the run starts, of every snapshot (or, without
/// diagnostics, of progress at every interval), and of the result. Sinks only format; they never start, stop or
/// measure anything.</summary>
public interface IRunSink
{
    void OnCalibrated(long n, double iterationsPerSecond);
    void OnStarted(WorkloadRun run);
    void OnTick(WorkloadRun run);
    void OnSnapshot(Snapshot snapshot);
    void OnResult(RunResult result, RunDiagnostics diagnostics);
}

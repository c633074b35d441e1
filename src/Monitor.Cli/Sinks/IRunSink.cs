using Monitor.Runners;

namespace Monitor.Cli.Sinks;

/// <summary>A headless output of `monitor run`: told when the run starts, at every interval, and of the result.
/// Sinks only format; they never start, stop or measure anything.</summary>
public interface IRunSink
{
    void OnCalibrated(long n, double iterationsPerSecond);
    void OnStarted(WorkloadRun run);
    void OnTick(WorkloadRun run);
    void OnResult(RunResult result);
}

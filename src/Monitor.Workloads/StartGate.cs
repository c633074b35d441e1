namespace Monitor.Workloads;

/// <summary>
/// A worker Monitor observes waits at this gate until Monitor's EventPipe session is running: Monitor closes the
/// worker's stdin once it is. The runtime is not held at its diagnostic port instead (connect + suspend): a runtime held
/// there runs no code of ours, so a Monitor SIGKILLed in that moment left a worker suspended for good; here the parent
/// watchdog already runs, and a Monitor that dies closes the pipe too, after which the watchdog ends the worker.
/// </summary>
public static class StartGate
{
    /// <summary>Set by Monitor's observer in the worker's environment.</summary>
    public const string Variable = "MONITOR_WORKER_GATE";
    public const string StdinClosed = "stdin-closed";

    public static void Wait()
    {
        if (Environment.GetEnvironmentVariable(Variable) != StdinClosed) return;
        using var stdin = Console.OpenStandardInput();
        var buffer = new byte[64];
        while (stdin.Read(buffer, 0, buffer.Length) > 0)
        {
            // Nothing is sent; only the end of the stream counts.
        }
    }
}

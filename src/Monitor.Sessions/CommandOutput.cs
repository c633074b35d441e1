using Monitor.Model;

namespace Monitor.Sessions;

/// <summary>
/// A headless command's own output among its session's sinks (added first; exporters after it): when it fails (stdout
/// closed by its reader, a full disk), <see cref="Token"/> is cancelled so the command ends its run or its attach, and
/// <see cref="ThrowIfLost"/> says why. A failing exporter is only taken out.
/// </summary>
public sealed class CommandOutput : IDisposable
{
    private readonly CancellationTokenSource _ending;

    /// <param name="stop">the command's own stop (a signal); <see cref="Token"/> is cancelled by it too.</param>
    public CommandOutput(Observation observation, IMonitorSink output, IReadOnlyList<IMonitorSink>? alsoTell, CancellationToken stop)
    {
        _ending = CancellationTokenSource.CreateLinkedTokenSource(stop);
        observation.Sinks.Add(output);
        foreach (var other in alsoTell ?? []) observation.Sinks.Add(other);
        observation.Sinks.Failed += (failed, e) =>
        {
            if (!ReferenceEquals(failed, output)) return;
            Failure = e;
            _ending.Cancel();
        };
    }

    /// <summary>Why the output failed, or null.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Cancelled when the command is stopped or its output failed.</summary>
    public CancellationToken Token => _ending.Token;

    /// <exception cref="SinkFailedException">the output failed.</exception>
    public void ThrowIfLost()
    {
        if (Failure is { } e) throw new SinkFailedException(e);
    }

    public void Dispose() => _ending.Dispose();
}

using Monitor.Diagnostics.Sources.EventPipe;

namespace Monitor.Sessions;

/// <summary>
/// The published diagnostic endpoints a <see cref="ProcessFollower"/> has looked at and leaves alone, kept by endpoint
/// (pid and start-time key), not by pid: a socket left behind by a killed process stays published for good, and a new
/// process that gets the same pid publishes a socket of its own, which must be looked at. Safe to call from several
/// threads.
/// </summary>
public sealed class PassedOver
{
    private readonly HashSet<DiagnosticEndpoint> _endpoints = [];

    /// <summary>Forgets endpoints no longer published, so that one published again is looked at again.</summary>
    public void KeepOnly(IReadOnlySet<DiagnosticEndpoint> published)
    {
        lock (_endpoints) _endpoints.IntersectWith(published);
    }

    /// <summary>The pids with a published endpoint not passed over, in order.</summary>
    public IReadOnlyList<int> ToLookAt(IReadOnlySet<DiagnosticEndpoint> published)
    {
        lock (_endpoints) return published.Where(e => !_endpoints.Contains(e)).Select(e => e.Pid).Distinct().Order().ToArray();
    }

    /// <summary>Leaves every endpoint of <paramref name="pid"/> in <paramref name="published"/> alone.</summary>
    public void Add(int pid, IReadOnlySet<DiagnosticEndpoint> published)
    {
        lock (_endpoints) _endpoints.UnionWith(published.Where(e => e.Pid == pid));
    }

    /// <summary>Looks at <paramref name="pid"/> again at the next scan.</summary>
    public void Remove(int pid)
    {
        lock (_endpoints) _endpoints.RemoveWhere(e => e.Pid == pid);
    }
}

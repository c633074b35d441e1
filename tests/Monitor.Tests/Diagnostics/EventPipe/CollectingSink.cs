using Monitor.Diagnostics.Sources;

namespace Monitor.Tests.Diagnostics.EventPipe;

/// <summary>Keeps every posted event in arrival order; sessions post from their own threads.</summary>
public sealed class CollectingSink : IRuntimeEventSink
{
    private readonly List<RuntimeEvent> _events = new();

    public void Post(RuntimeEvent e)
    {
        lock (_events)
        {
            _events.Add(e);
            System.Threading.Monitor.PulseAll(_events);
        }
    }

    public RuntimeEvent[] Events
    {
        get { lock (_events) return _events.ToArray(); }
    }

    public T[] Of<T>() where T : RuntimeEvent => Events.OfType<T>().ToArray();

    /// <summary>Waits until an event matches; false after the timeout (a bound for a hang, not a speed assertion).</summary>
    public bool WaitFor(Func<RuntimeEvent, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_events)
        {
            while (!_events.Any(match))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return false;
                System.Threading.Monitor.Wait(_events, left);
            }
            return true;
        }
    }
}

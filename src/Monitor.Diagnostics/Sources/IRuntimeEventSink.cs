namespace Monitor.Diagnostics.Sources;

/// <summary>Where EventPipe sources deliver events; called from the sessions' reading threads.</summary>
public interface IRuntimeEventSink
{
    void Post(RuntimeEvent e);
}

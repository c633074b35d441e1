namespace Monitor.TargetApp;

/// <summary>What a target process does once started: it keeps doing it on its own threads.</summary>
public interface IScenario
{
    Task StartAsync();
}

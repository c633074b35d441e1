namespace Monitor.Model;

/// <summary>What a controller that plays a recording back offers besides the live ones: moving through time.</summary>
public interface IReplayControls
{
    void TogglePause();

    /// <summary>Shows the frame <paramref name="frames"/> away from the current one and pauses.</summary>
    void Step(int frames);

    /// <summary>Plays faster (positive) or slower (negative), in steps of two.</summary>
    void ChangeSpeed(int direction);
}

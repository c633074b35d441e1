namespace Monitor.Model;

/// <summary>What each chunk of the sum does besides adding.</summary>
public enum WorkKind
{
    /// <summary>The pure loop.</summary>
    Cpu,
    /// <summary>Each chunk also blocks on simulated I/O; the GIL is released while blocked.</summary>
    Io,
}

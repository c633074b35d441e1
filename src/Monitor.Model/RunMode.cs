namespace Monitor.Model;

/// <summary>The four ways of running the same sum.</summary>
public enum RunMode
{
    /// <summary>One worker thread in one worker process.</summary>
    Single,
    /// <summary>K worker threads in one worker process.</summary>
    Threads,
    /// <summary>K worker processes with one worker thread each.</summary>
    Processes,
    /// <summary>K worker threads in one process that must hold one global lock to compute (CPython's GIL).</summary>
    Gil,
}

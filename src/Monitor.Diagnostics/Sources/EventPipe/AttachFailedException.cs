namespace Monitor.Diagnostics.Sources.EventPipe;

public sealed class AttachFailedException : Exception
{
    public AttachFailedException(int pid, AttachFailure reason, string message, Exception? inner = null)
        : base(message, inner)
    {
        Pid = pid;
        Reason = reason;
    }

    public int Pid { get; }
    public AttachFailure Reason { get; }
}

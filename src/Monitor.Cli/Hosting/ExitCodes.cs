namespace Monitor.Cli.Hosting;

public static class ExitCodes
{
    /// <summary>Completed and correct.</summary>
    public const int Ok = 0;
    /// <summary>Completed with a wrong result, a worker failed, or the machine failed the command (a full disk).</summary>
    public const int Failed = 1;
    /// <summary>Bad usage.</summary>
    public const int Usage = 2;
    /// <summary>Could not run at all here: something it needs is missing from this machine (python3 for
    /// --runtime python). Nothing was started.</summary>
    public const int CannotRun = 3;
    /// <summary>Interrupted by a signal (128 + SIGINT), as shells report it.</summary>
    public const int Interrupted = 130;
}

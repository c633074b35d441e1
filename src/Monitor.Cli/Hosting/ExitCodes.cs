namespace Monitor.Cli.Hosting;

public static class ExitCodes
{
    /// <summary>Completed and correct.</summary>
    public const int Ok = 0;
    /// <summary>Completed with a wrong result, or a worker failed.</summary>
    public const int Failed = 1;
    /// <summary>Bad usage.</summary>
    public const int Usage = 2;
    /// <summary>Interrupted by a signal (128 + SIGINT), as shells report it.</summary>
    public const int Interrupted = 130;
}

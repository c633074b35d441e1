namespace Monitor.Workloads;

/// <summary>The errno values Monitor tells apart (Linux, the same on x86-64 and arm64; macOS shares ENOENT, EACCES,
/// EEXIST, ENOTDIR and ENOSPC, the ones its code compares).</summary>
public static class Errno
{
    public const int NoEntry = 2; // ENOENT
    public const int AccessDenied = 13; // EACCES
    public const int Exists = 17; // EEXIST
    public const int NotADirectory = 20; // ENOTDIR
    public const int NoSpace = 28; // ENOSPC
    public const int TooManyLinks = 40; // ELOOP: O_NOFOLLOW met a symbolic link
    public const int QuotaExceeded = 122; // EDQUOT

    /// <summary>The file system is full (or the user's quota is): the machine's problem, not the user's input.</summary>
    public static bool IsNoSpace(int errno) => errno is NoSpace or QuotaExceeded;
}

using System.Runtime.InteropServices;

namespace Monitor.Tests.Reliability;

/// <summary>Sends a signal to a process, as `kill -SIG pid` would.</summary>
public static class PosixSignals
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    public static void Send(int pid, int signal)
    {
        if (kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public static string Name(int signal) => signal switch
    {
        SIGHUP => "SIGHUP",
        SIGINT => "SIGINT",
        SIGKILL => "SIGKILL",
        SIGTERM => "SIGTERM",
        _ => $"signal {signal}",
    };

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}

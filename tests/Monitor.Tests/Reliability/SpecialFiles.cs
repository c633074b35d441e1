using System.Diagnostics;
using System.Net.Sockets;

namespace Monitor.Tests.Reliability;

/// <summary>Files that are not regular files, made the way a hostile or careless hand would: FIFOs, device nodes,
/// sockets left behind, sparse files.</summary>
public static class SpecialFiles
{
    /// <summary>mkfifo; false where it cannot be made.</summary>
    public static bool MakeFifo(string path) => Run("mkfifo", path) == 0;

    /// <summary>A character device node with /dev/zero's numbers (root only); false where it cannot be made.</summary>
    public static bool MakeZeroDevice(string path) => Run("mknod", path, "c", "1", "5") == 0;

    /// <summary>A file of <paramref name="bytes"/> zeros that takes no disk space: no newline in it at all.</summary>
    public static void MakeSparse(string path, long bytes)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.SetLength(bytes);
    }

    /// <summary>A Unix socket file with nobody listening, as a killed listener leaves it. (.NET removes the file of a
    /// socket it bound when the socket is closed: the file is bound under another name and hard-linked here first.)</summary>
    public static void MakeStaleSocket(string path)
    {
        string bound = path + ".bound";
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            socket.Bind(new UnixDomainSocketEndPoint(bound));
            if (link(bound, path) != 0) throw new IOException($"link {bound} {path}: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }
        File.Delete(bound);
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int link(string from, string to);

    /// <summary>A pid that belonged to a process that has exited (and was reaped).</summary>
    public static int DeadPid()
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    public static int Run(string program, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in args) start.ArgumentList.Add(a);
            using var p = Process.Start(start)!;
            p.WaitForExit(10_000);
            return p.HasExited ? p.ExitCode : -1;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}

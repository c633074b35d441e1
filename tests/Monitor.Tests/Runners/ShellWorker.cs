using System.Diagnostics;

namespace Monitor.Tests.Runners;

/// <summary>A worker process that is a `/bin/sh -c` script speaking the worker protocol with lines the test chose, its
/// pipes set up as a real worker's.</summary>
internal static class ShellWorker
{
    public static ProcessStartInfo StartInfo(string script)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        return start;
    }
}

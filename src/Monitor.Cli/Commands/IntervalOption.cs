using Monitor.Cli.Hosting;

namespace Monitor.Cli.Commands;

public static class IntervalOption
{
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan Maximum = TimeSpan.FromMinutes(10);

    public static TimeSpan Read(string text)
    {
        long ms = NumberParser.ParseCount(text, "--interval");
        if (ms < Minimum.TotalMilliseconds || ms > Maximum.TotalMilliseconds)
            throw new UsageException($"--interval must be {Minimum.TotalMilliseconds:0}..{Maximum.TotalMilliseconds:0} ms (got {text})");
        return TimeSpan.FromMilliseconds(ms);
    }
}

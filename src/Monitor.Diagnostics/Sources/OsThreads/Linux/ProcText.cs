using Monitor.Model;

namespace Monitor.Diagnostics.Sources.OsThreads.Linux;

/// <summary>What the sampler uses of a /proc stat line. Ticks are clock ticks (USER_HZ); the name is the comm
/// between the parentheses, as a range of the line.</summary>
internal readonly record struct StatFields(
    char State,
    int ParentPid,
    long UserTicks,
    long SystemTicks,
    long StartTicks,
    Range Name);

/// <summary>Parses the text of /proc files straight from their bytes, without allocating.</summary>
internal static class ProcText
{
    /// <summary>A thread's counters from its stat line (parsed), its schedstat figures (null where the kernel keeps
    /// none) and its status file: where each counter a snapshot shows comes from.</summary>
    public static ThreadCounters ThreadCounters(
        int tid, string name, in StatFields stat, long? onCpuNs, long? waitingNs, ReadOnlySpan<byte> status, double msPerTick) => new(
        tid,
        name,
        stat.State,
        stat.UserTicks * msPerTick,
        stat.SystemTicks * msPerTick,
        onCpuNs / 1e6,
        waitingNs / 1e6,
        StatusValue(status, "voluntary_ctxt_switches:"u8),
        StatusValue(status, "nonvoluntary_ctxt_switches:"u8),
        stat.StartTicks * msPerTick);

    /// <summary>Parses a /proc/&lt;pid&gt;/stat or task/&lt;tid&gt;/stat line (proc(5) numbers its fields from 1).
    /// The comm may itself hold spaces and ')', so the fields are counted from the last ')'.</summary>
    public static bool TryParseStat(ReadOnlySpan<byte> stat, out StatFields fields)
    {
        fields = default;
        int open = stat.IndexOf((byte)'(');
        int close = stat.LastIndexOf((byte)')');
        if (open < 0 || close < open || close + 2 >= stat.Length) return false;

        var rest = stat[(close + 2)..];
        char state = (char)rest[0];
        long parent = 0, user = 0, system = 0, start = 0;
        int field = 3;
        while (field <= 22 && !rest.IsEmpty)
        {
            int end = rest.IndexOfAny((byte)' ', (byte)'\n');
            var token = end < 0 ? rest : rest[..end];
            switch (field)
            {
                case 4: parent = ParseLong(token); break;
                case 14: user = ParseLong(token); break;
                case 15: system = ParseLong(token); break;
                case 22: start = ParseLong(token); break;
            }
            field++;
            rest = end < 0 ? default : rest[(end + 1)..];
        }
        if (field <= 22) return false;
        fields = new StatFields(state, (int)parent, user, system, start, new Range(open + 1, close));
        return true;
    }

    /// <summary>The number after "<paramref name="key"/>" at the start of a line of a status file ("VmRSS:" gives
    /// the kB figure); null when the line is absent (kernel threads and zombies have no Vm lines).</summary>
    public static long? StatusValue(ReadOnlySpan<byte> status, ReadOnlySpan<byte> key)
    {
        int from = 0;
        while (from < status.Length)
        {
            int at = status[from..].IndexOf(key);
            if (at < 0) return null;
            at += from;
            // "voluntary_ctxt_switches:" also occurs inside "nonvoluntary_ctxt_switches:": only a line start counts.
            if (at == 0 || status[at - 1] == (byte)'\n')
            {
                var value = status[(at + key.Length)..].TrimStart(" \t"u8);
                return ParseLong(value);
            }
            from = at + key.Length;
        }
        return null;
    }

    /// <summary>schedstat: "ns-on-cpu ns-waiting-for-a-cpu timeslices".</summary>
    public static bool TryParseSchedstat(ReadOnlySpan<byte> schedstat, out long onCpuNs, out long waitingNs)
    {
        onCpuNs = waitingNs = 0;
        int space = schedstat.IndexOf((byte)' ');
        if (space <= 0) return false;
        onCpuNs = ParseLong(schedstat[..space]);
        waitingNs = ParseLong(schedstat[(space + 1)..]);
        return true;
    }

    /// <summary>Space- or newline-separated pids, as in task/&lt;tid&gt;/children.</summary>
    public static void AddPids(ReadOnlySpan<byte> text, List<int> pids)
    {
        while (!text.IsEmpty)
        {
            int end = text.IndexOfAny((byte)' ', (byte)'\n');
            var token = end < 0 ? text : text[..end];
            if (!token.IsEmpty) pids.Add((int)ParseLong(token));
            text = end < 0 ? default : text[(end + 1)..];
        }
    }

    /// <summary>The leading decimal digits (with an optional '-'); stops at the first other byte.</summary>
    public static long ParseLong(ReadOnlySpan<byte> text)
    {
        int i = 0;
        bool negative = !text.IsEmpty && text[0] == (byte)'-';
        if (negative) i++;
        long value = 0;
        for (; i < text.Length; i++)
        {
            int digit = text[i] - '0';
            if ((uint)digit > 9) break;
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /// <summary>Writes <paramref name="number"/> in decimal; the count of bytes written.</summary>
    public static int WriteNumber(Span<byte> to, int number)
    {
        if (!number.TryFormat(to, out int written, provider: System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("buffer too small", nameof(to));
        }
        return written;
    }
}

using System.Text.Json;

namespace Monitor.Model;

/// <summary>Writes a snapshot as the `{"type":"snapshot",...}` object of `run --json`, `attach --json` and a
/// recording's snapshots.jsonl; <see cref="SnapshotJsonReader"/> reads it back for replay.</summary>
public static class SnapshotJson
{
    public static void Write(Utf8JsonWriter w, Snapshot s)
    {
        w.WriteString("type", "snapshot");
        w.WriteNumber("t", Math.Round(s.T, 3));
        w.WriteString("time", s.Time);
        w.WriteNumber("intervalSec", Math.Round(s.IntervalSeconds, 3));
        w.WriteNumber("progress", Math.Round(s.Totals.Progress, 4));
        if (s.Workload is { } work)
        {
            w.WritePropertyName("workload");
            w.WriteStartObject();
            if (work.Mode is { } mode) w.WriteString("mode", mode.Name());
            if (work.Work is { } kind) w.WriteString("work", kind.Name());
            w.WriteString("runtime", work.Runtime.Name());
            w.WriteNumber("workers", work.Workers);
            w.WriteNumber("n", work.N);
            w.WriteNumber("elapsedSec", Math.Round(work.ElapsedSeconds, 3));
            w.WriteNumber("iterations", work.Iterations);
            w.WriteBoolean("finished", work.Finished);
            w.WriteEndObject();
        }
        w.WriteStartArray("processes");
        foreach (var p in s.Processes)
        {
            w.WriteStartObject();
            w.WriteNumber("pid", p.Pid);
            w.WriteString("name", p.Name);
            w.WriteString("role", p.Role.Name());
            w.WriteNumber("workingSetBytes", p.WorkingSetBytes);
            w.WriteNumber("peakWorkingSetBytes", p.PeakWorkingSetBytes);
            if (p.GcHeapBytes is { } heap) w.WriteNumber("gcHeapBytes", heap);
            if (p.GcCount is { } gc) w.WriteNumber("gcCount", gc);
            w.WriteNumber("cpuPercent", Math.Round(p.CpuPercent, 1));
            w.WriteNumber("cpuMs", Math.Round(p.CpuMs, 1));
            w.WriteNumber("threadCount", p.ThreadCount);
            if (p.Exited) w.WriteBoolean("exited", true);
            if (p.DiagnosticsStatus is { } status) w.WriteString("diagnosticsStatus", status);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("threads");
        foreach (var t in s.Threads)
        {
            w.WriteStartObject();
            w.WriteNumber("pid", t.Pid);
            w.WriteNumber("tid", t.Tid);
            w.WriteString("name", t.Name);
            w.WriteString("role", t.Role.Name());
            if (t.Worker is { } worker) w.WriteNumber("worker", worker);
            w.WriteNumber("cpuPercent", Math.Round(t.CpuPercent, 1));
            w.WriteNumber("userPercent", Math.Round(t.UserPercent, 1));
            w.WriteNumber("systemPercent", Math.Round(t.SystemPercent, 1));
            w.WriteNumber("cpuWaitPercent", Math.Round(t.CpuWaitPercent, 1));
            w.WriteNumber("blockedPerSec", Math.Round(t.BlockedPerSec, 1));
            w.WriteNumber("preemptedPerSec", Math.Round(t.PreemptedPerSec, 1));
            if (t.IterationsPerSec is { } rate) w.WriteNumber("iterationsPerSec", Math.Round(rate));
            w.WriteNumber("cpuMs", Math.Round(t.CpuMs, 1));
            w.WriteString("state", t.State.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("contention");
        w.WriteStartObject();
        w.WriteNumber("count", s.Contention.Count);
        w.WriteNumber("waitMs", Math.Round(s.Contention.WaitMs, 3));
        w.WriteStartArray("locks");
        foreach (var l in s.Contention.Locks) WriteLock(w, l);
        w.WriteEndArray();
        w.WriteEndObject();
        var totals = s.Totals;
        w.WritePropertyName("totals");
        w.WriteStartObject();
        w.WriteNumber("cpuPercent", Math.Round(totals.CpuPercent, 1));
        w.WriteNumber("workingSetBytes", totals.WorkingSetBytes);
        w.WriteNumber("gcHeapBytes", totals.GcHeapBytes);
        w.WriteNumber("iterationsPerSec", Math.Round(totals.IterationsPerSec));
        w.WriteNumber("progress", Math.Round(totals.Progress, 4));
        if (totals.EffectiveParallelism is { } ep) w.WriteNumber("effectiveParallelism", Math.Round(ep, 2));
        if (totals.ParallelismUncertain is { } uncertain) w.WriteString("effectiveParallelismUncertain", uncertain);
        if (totals.OtherCpuPercent is { } others) w.WriteNumber("otherCpuPercent", Math.Round(others, 1));
        w.WriteNumber("cpuMs", Math.Round(totals.CpuMs, 1));
        w.WriteNumber("contentionCount", totals.ContentionCount);
        w.WriteNumber("contentionWaitMs", Math.Round(totals.ContentionWaitMs, 3));
        w.WriteNumber("gcCount", totals.GcCount);
        w.WriteEndObject();
    }

    /// <summary>One lock as an object: the same fields in snapshots and in analyze's report.</summary>
    public static void WriteLock(Utf8JsonWriter w, LockSample l)
    {
        w.WriteStartObject();
        w.WriteNumber("pid", l.Pid);
        w.WriteString("lockId", "0x" + l.LockId.ToString("x"));
        w.WriteNumber("waits", l.Waits);
        w.WriteNumber("waitMs", Math.Round(l.WaitMs, 3));
        if (l.OwnerTid is { } owner) w.WriteNumber("ownerTid", owner);
        w.WriteStartArray("waiterTids");
        foreach (var tid in l.WaiterTids) w.WriteNumberValue(tid);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}

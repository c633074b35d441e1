using static Monitor.Tests.Diagnostics.OsThreads.Windows.SystemProcessBufferWriter;

namespace Monitor.Tests.Diagnostics.OsThreads.Windows;

/// <summary>Three processes as the system table would hold them: Monitor, a worker it started, and a process the
/// worker started; threads in every state Windows has.</summary>
internal static class SampleTable
{
    public static readonly DateTime MonitorStarted = new(2025, 3, 14, 9, 26, 53, DateTimeKind.Utc);
    public static readonly long MonitorCreated = MonitorStarted.ToFileTimeUtc();
    public static readonly long WorkerCreated = MonitorStarted.AddSeconds(2).ToFileTimeUtc() + 1234;
    public static readonly long PythonCreated = MonitorStarted.AddSeconds(3).ToFileTimeUtc();

    public static readonly TableProcess Monitor = new(
        Pid: 1200, ParentPid: 880, ImageName: "monitor.exe", CreateTime: MonitorCreated,
        Threads:
        [
            new(1204, KernelTime: 50_000, UserTime: 2_500_000, CreateTime: MonitorCreated + 10, State: 5, ContextSwitches: 77),
            new(1208, KernelTime: 0, UserTime: 10_000, CreateTime: MonitorCreated + 20, State: 2),
        ],
        UserTime: 2_510_000, KernelTime: 50_000, WorkingSetSize: 80L << 20, PeakWorkingSetSize: 96L << 20);

    /// <summary>The worker: one thread in each KTHREAD_STATE 0-9, tids 5004, 5008, ... (tid 5004 + 4 * state).</summary>
    public static readonly TableProcess Worker = new(
        Pid: 5000, ParentPid: 1200, ImageName: "Monitor.Worker.EXE", CreateTime: WorkerCreated,
        Threads: [.. Enumerable.Range(0, 10).Select(state => new TableThread(
            Tid: 5004 + 4 * state,
            KernelTime: 1_000 * state,
            UserTime: 1_234_567 + state,
            CreateTime: WorkerCreated + 100 * state,
            State: (uint)state,
            ContextSwitches: 1000u + (uint)state,
            WaitTime: 17,
            StartAddress: 0x7FF6_1234_0000 + (ulong)state,
            Priority: 7 + state,
            BasePriority: 6,
            WaitReason: 13))],
        UserTime: 98_765_432, KernelTime: 1_234_567, WorkingSetPrivateSize: 30L << 20, PeakWorkingSetSize: 64L << 20,
        WorkingSetSize: 48L << 20, PrivatePageCount: 40L << 20, HandleCount: 321, SessionId: 2, BasePriority: 6,
        ReadOperationCount: 1, WriteOperationCount: 2, OtherOperationCount: 3, ReadTransferCount: 4096,
        WriteTransferCount: 8192, OtherTransferCount: 16384);

    public static readonly TableProcess Python = new(
        Pid: 7344, ParentPid: 5000, ImageName: "python.exe", CreateTime: PythonCreated,
        Threads:
        [
            new(7348, KernelTime: 10, UserTime: 20, CreateTime: PythonCreated + 1, State: 1),
            new(7352, KernelTime: 30, UserTime: 40, CreateTime: PythonCreated + 2, State: 5),
            new(7356, KernelTime: 50, UserTime: 60, CreateTime: PythonCreated + 3, State: 6),
        ]);

    public static (byte[] Buffer, int[] Offsets) Write() => SystemProcessBufferWriter.Write(Monitor, Worker, Python);
}

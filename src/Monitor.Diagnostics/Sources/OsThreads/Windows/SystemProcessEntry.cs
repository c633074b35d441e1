namespace Monitor.Diagnostics.Sources.OsThreads.Windows;

/// <summary>The fixed part of one SYSTEM_PROCESS_INFORMATION as read from the buffer, at <see cref="Offset"/>. Times
/// are in 100 ns units (CreateTime a FILETIME, since 1601), sizes in bytes. The image name and the threads that follow
/// are read on demand (<see cref="SystemProcessTable"/>), so walking the chain to one process allocates nothing.</summary>
internal readonly record struct SystemProcessEntry(
    int Offset,
    uint NextEntryOffset,
    uint NumberOfThreads,
    long WorkingSetPrivateSize,
    long CreateTime,
    long UserTime,
    long KernelTime,
    ushort ImageNameLength,
    ulong ImageNameAddress,
    int BasePriority,
    int ProcessId,
    int ParentProcessId,
    uint HandleCount,
    uint SessionId,
    long PeakWorkingSetSize,
    long WorkingSetSize,
    long PrivatePageCount,
    long ReadOperationCount,
    long WriteOperationCount,
    long OtherOperationCount,
    long ReadTransferCount,
    long WriteTransferCount,
    long OtherTransferCount);

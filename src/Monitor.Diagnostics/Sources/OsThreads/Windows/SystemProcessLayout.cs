namespace Monitor.Diagnostics.Sources.OsThreads.Windows;

/// <summary>
/// Where the fields of SYSTEM_PROCESS_INFORMATION and SYSTEM_THREAD_INFORMATION lie in the buffer that
/// NtQuerySystemInformation(SystemProcessInformation) fills in a 64-bit process (x64 and arm64 share the layout:
/// 8-byte pointers, natural alignment). From phnt's ntexapi.h, checked against the fields .NET's own
/// Process class reads from the same buffer. A 32-bit process gets another layout and is not read with this one.
/// </summary>
internal static class SystemProcessLayout
{
    public const int NextEntryOffset = 0x00;        // ULONG
    public const int NumberOfThreads = 0x04;        // ULONG
    public const int WorkingSetPrivateSize = 0x08;  // LARGE_INTEGER, bytes
    public const int CreateTime = 0x20;             // LARGE_INTEGER, FILETIME (100 ns since 1601)
    public const int UserTime = 0x28;               // LARGE_INTEGER, 100 ns
    public const int KernelTime = 0x30;             // LARGE_INTEGER, 100 ns
    public const int ImageNameLength = 0x38;        // UNICODE_STRING.Length (USHORT, bytes, no terminator)
    public const int ImageNameBuffer = 0x40;        // UNICODE_STRING.Buffer (PWSTR into the same buffer)
    public const int BasePriority = 0x48;           // KPRIORITY (LONG)
    public const int UniqueProcessId = 0x50;        // HANDLE
    public const int InheritedFromUniqueProcessId = 0x58; // HANDLE
    public const int HandleCount = 0x60;            // ULONG
    public const int SessionId = 0x64;              // ULONG
    public const int PeakWorkingSetSize = 0x88;     // SIZE_T
    public const int WorkingSetSize = 0x90;         // SIZE_T
    public const int PrivatePageCount = 0xC8;       // SIZE_T, bytes despite the name
    public const int ReadOperationCount = 0xD0;     // LARGE_INTEGER
    public const int WriteOperationCount = 0xD8;    // LARGE_INTEGER
    public const int OtherOperationCount = 0xE0;    // LARGE_INTEGER
    public const int ReadTransferCount = 0xE8;      // LARGE_INTEGER, bytes
    public const int WriteTransferCount = 0xF0;     // LARGE_INTEGER, bytes
    public const int OtherTransferCount = 0xF8;     // LARGE_INTEGER, bytes
    /// <summary>The process entry's size: its threads follow right after it.</summary>
    public const int ProcessSize = 0x100;

    public const int ThreadKernelTime = 0x00;       // LARGE_INTEGER, 100 ns
    public const int ThreadUserTime = 0x08;         // LARGE_INTEGER, 100 ns
    public const int ThreadCreateTime = 0x10;       // LARGE_INTEGER, FILETIME
    public const int ThreadWaitTime = 0x18;         // ULONG, ticks
    public const int ThreadStartAddress = 0x20;     // PVOID
    public const int ThreadUniqueProcess = 0x28;    // CLIENT_ID.UniqueProcess (HANDLE)
    public const int ThreadUniqueThread = 0x30;     // CLIENT_ID.UniqueThread (HANDLE)
    public const int ThreadPriority = 0x38;         // KPRIORITY
    public const int ThreadBasePriority = 0x3C;     // LONG
    public const int ThreadContextSwitches = 0x40;  // ULONG
    public const int ThreadState = 0x44;            // KTHREAD_STATE (ULONG)
    public const int ThreadWaitReason = 0x48;       // KWAIT_REASON (ULONG)
    /// <summary>A thread entry's size (0x4C rounded up to the 8-byte alignment of its pointers).</summary>
    public const int ThreadSize = 0x50;
}

using System.Runtime.InteropServices;

namespace Monitor.Runners.Windows;

/// <summary>JOBOBJECT_BASIC_LIMIT_INFORMATION as SetInformationJobObject reads it (64 bytes in a 64-bit process).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct JobObjectBasicLimitInformation
{
    public long PerProcessUserTimeLimit;
    public long PerJobUserTimeLimit;
    public uint LimitFlags;
    public nuint MinimumWorkingSetSize;
    public nuint MaximumWorkingSetSize;
    public uint ActiveProcessLimit;
    public nuint Affinity;
    public uint PriorityClass;
    public uint SchedulingClass;
}

/// <summary>IO_COUNTERS: six 64-bit counters.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoCounters
{
    public ulong ReadOperationCount;
    public ulong WriteOperationCount;
    public ulong OtherOperationCount;
    public ulong ReadTransferCount;
    public ulong WriteTransferCount;
    public ulong OtherTransferCount;
}

/// <summary>JOBOBJECT_EXTENDED_LIMIT_INFORMATION, JobObjectExtendedLimitInformation's (9) structure (144 bytes in a
/// 64-bit process). Only <see cref="JobObjectBasicLimitInformation.LimitFlags"/> is set; the rest stays zero.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct JobObjectExtendedLimitInformation
{
    public const int InformationClass = 9;
    /// <summary>JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE: closing the job's last handle ends every process in it.</summary>
    public const uint KillOnJobClose = 0x2000;

    public JobObjectBasicLimitInformation BasicLimitInformation;
    public IoCounters IoInfo;
    public nuint ProcessMemoryLimit;
    public nuint JobMemoryLimit;
    public nuint PeakProcessMemoryUsed;
    public nuint PeakJobMemoryUsed;
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Monitor.Runners.Windows;

/// <summary>
/// One job object for all of Monitor's workers, made with JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE. Its only handle is
/// Monitor's and is never closed: when Monitor ends, however it ends (killed from Task Manager included), the system
/// closes the handle and ends every worker in the job, and the processes they started, which join it by default.
/// The Windows counterpart of the parent watchdog's PR_SET_PDEATHSIG on Linux, without a worker having to notice.
/// </summary>
[SupportedOSPlatform("windows")]
internal static partial class KillOnCloseJob
{
    private static readonly Lazy<SafeFileHandle?> Job = new(Create);

    /// <summary>Puts <paramref name="process"/> in the job; false when it could not (no job, or the process has
    /// already ended). The worker then still ends with Monitor's orderly exits, not with a killed Monitor.</summary>
    public static bool Assign(Process process)
    {
        if (Job.Value is not { } job) return false;
        try
        {
            return AssignProcessToJobObject(job, process.SafeHandle);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false; // ended already
        }
    }

    private static unsafe SafeFileHandle? Create()
    {
        var job = CreateJobObjectW(0, null);
        if (job.IsInvalid) return null;
        var limits = new JobObjectExtendedLimitInformation();
        limits.BasicLimitInformation.LimitFlags = JobObjectExtendedLimitInformation.KillOnJobClose;
        if (!SetInformationJobObject(job, JobObjectExtendedLimitInformation.InformationClass, &limits, (uint)sizeof(JobObjectExtendedLimitInformation)))
        {
            job.Dispose();
            return null;
        }
        return job;
    }

    [LibraryImport("kernel32.dll", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    private static partial SafeFileHandle CreateJobObjectW(nint jobAttributes, string? name);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static unsafe partial bool SetInformationJobObject(SafeFileHandle job, int informationClass, void* information, uint length);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool AssignProcessToJobObject(SafeFileHandle job, SafeProcessHandle process);
}

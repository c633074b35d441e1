using System.Text;

namespace Monitor.Tests.Diagnostics.OsThreads.MacOS;

/// <summary>
/// libproc's structs as macOS fills them, written field by field in the order xnu's bsd/sys/proc_info.h and
/// sys/resource.h declare them (little-endian, natural alignment, no padding needed in any of these). Built from the
/// documented layout, not recorded on a Mac: writing each field after the one before derives the offsets independently
/// of the parsers, which read them at fixed positions.
/// </summary>
internal static class ProcInfoBuffers
{
    /// <summary>struct proc_threadinfo.</summary>
    public static byte[] ThreadInfo(ulong userTime, ulong systemTime, int runState, byte[] name, int cpuUsage = 17, int policy = 1,
        int flags = 0, int sleepTime = 3, int currentPriority = 31, int priority = 31, int maxPriority = 63)
    {
        var stream = new MemoryStream();
        var w = new BinaryWriter(stream);
        w.Write(userTime); // pth_user_time
        w.Write(systemTime); // pth_system_time
        w.Write(cpuUsage); // pth_cpu_usage
        w.Write(policy); // pth_policy
        w.Write(runState); // pth_run_state
        w.Write(flags); // pth_flags
        w.Write(sleepTime); // pth_sleep_time
        w.Write(currentPriority); // pth_curpri
        w.Write(priority); // pth_priority
        w.Write(maxPriority); // pth_maxpriority
        var field = new byte[64]; // pth_name[MAXTHREADNAMESIZE]
        name.AsSpan(0, Math.Min(name.Length, 64)).CopyTo(field);
        w.Write(field);
        return stream.ToArray();
    }

    public static byte[] Name(string name) => Encoding.UTF8.GetBytes(name);

    /// <summary>struct proc_taskinfo.</summary>
    public static byte[] TaskInfo(ulong virtualSize, ulong residentSize, ulong totalUser, ulong totalSystem, int threadCount,
        ulong threadsUser = 111, ulong threadsSystem = 222)
    {
        var stream = new MemoryStream();
        var w = new BinaryWriter(stream);
        w.Write(virtualSize); // pti_virtual_size
        w.Write(residentSize); // pti_resident_size
        w.Write(totalUser); // pti_total_user
        w.Write(totalSystem); // pti_total_system
        w.Write(threadsUser); // pti_threads_user
        w.Write(threadsSystem); // pti_threads_system
        w.Write(1); // pti_policy
        w.Write(1000); // pti_faults
        w.Write(20); // pti_pageins
        w.Write(30); // pti_cow_faults
        w.Write(40); // pti_messages_sent
        w.Write(50); // pti_messages_received
        w.Write(60); // pti_syscalls_mach
        w.Write(70); // pti_syscalls_unix
        w.Write(80); // pti_csw
        w.Write(threadCount); // pti_threadnum
        w.Write(2); // pti_numrunning
        w.Write(31); // pti_priority
        return stream.ToArray();
    }

    /// <summary>struct proc_bsdshortinfo.</summary>
    public static byte[] BsdShortInfo(uint pid, uint parentPid, uint uid, uint realUid)
    {
        var stream = new MemoryStream();
        var w = new BinaryWriter(stream);
        w.Write(pid); // pbsi_pid
        w.Write(parentPid); // pbsi_ppid
        w.Write(pid); // pbsi_pgid
        w.Write(2u); // pbsi_status (SRUN)
        var comm = new byte[16]; // pbsi_comm[MAXCOMLEN]
        Encoding.ASCII.GetBytes("dotnet").CopyTo(comm, 0);
        w.Write(comm);
        w.Write(0x10u); // pbsi_flags (PROC_FLAG_LP64)
        w.Write(uid); // pbsi_uid
        w.Write(20u); // pbsi_gid
        w.Write(realUid); // pbsi_ruid
        w.Write(20u); // pbsi_rgid
        w.Write(uid); // pbsi_svuid
        w.Write(20u); // pbsi_svgid
        w.Write(0u); // pbsi_rfu
        return stream.ToArray();
    }

    /// <summary>struct rusage_info_v4 with every u64 field set to its index (so a read at the wrong place shows)
    /// except ri_lifetime_max_phys_footprint.</summary>
    public static byte[] RusageV4(ulong lifetimeMaxFootprint)
    {
        string[] fields =
        [
            "ri_user_time", "ri_system_time", "ri_pkg_idle_wkups", "ri_interrupt_wkups", "ri_pageins", "ri_wired_size",
            "ri_resident_size", "ri_phys_footprint", "ri_proc_start_abstime", "ri_proc_exit_abstime", "ri_child_user_time",
            "ri_child_system_time", "ri_child_pkg_idle_wkups", "ri_child_interrupt_wkups", "ri_child_pageins",
            "ri_child_elapsed_abstime", "ri_diskio_bytesread", "ri_diskio_byteswritten", "ri_cpu_time_qos_default",
            "ri_cpu_time_qos_maintenance", "ri_cpu_time_qos_background", "ri_cpu_time_qos_utility", "ri_cpu_time_qos_legacy",
            "ri_cpu_time_qos_user_initiated", "ri_cpu_time_qos_user_interactive", "ri_billed_system_time",
            "ri_serviced_system_time", "ri_logical_writes", "ri_lifetime_max_phys_footprint", "ri_instructions", "ri_cycles",
            "ri_billed_energy", "ri_serviced_energy", "ri_interval_max_phys_footprint", "ri_runnable_time",
        ];
        var stream = new MemoryStream();
        var w = new BinaryWriter(stream);
        w.Write(new byte[16]); // ri_uuid
        for (int i = 0; i < fields.Length; i++)
        {
            w.Write(fields[i] == "ri_lifetime_max_phys_footprint" ? lifetimeMaxFootprint : (ulong)i);
        }
        return stream.ToArray();
    }

    public static byte[] UInt64s(params ulong[] values)
    {
        var stream = new MemoryStream();
        var w = new BinaryWriter(stream);
        foreach (ulong v in values) w.Write(v);
        return stream.ToArray();
    }

    public static byte[] Int32s(params int[] values)
    {
        var stream = new MemoryStream();
        var w = new BinaryWriter(stream);
        foreach (int v in values) w.Write(v);
        return stream.ToArray();
    }
}

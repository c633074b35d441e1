using System.ComponentModel;
using System.Diagnostics;
using Monitor.Model;

namespace Monitor.Diagnostics.Sources.OsThreads;

/// <summary>
/// Per-thread CPU from <see cref="Process.Threads"/>, for systems without /proc. It knows user and system time, state
/// and (where the platform tells) start time; no names, no waiting for a CPU, no context switches. Each property
/// re-reads the OS and throws once its thread has ended, so such threads are simply left out.
/// </summary>
public sealed class PortableThreadSampler : IThreadSampler
{
    public ThreadReader Reader => ThreadReader.Portable;

    public ProcessCounters? Sample(int pid)
    {
        if (pid <= 0) return null;
        Process process;
        try
        {
            process = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null; // not running
        }
        using (process)
        {
            try
            {
                long start = Stopwatch.GetTimestamp();
                var threads = new List<ThreadCounters>();
                foreach (ProcessThread thread in process.Threads)
                {
                    if (TryRead(thread) is { } read) threads.Add(read);
                }
                var counters = new ProcessCounters(
                    pid,
                    process.ProcessName,
                    start + (Stopwatch.GetTimestamp() - start) / 2,
                    process.WorkingSet64,
                    process.PeakWorkingSet64,
                    process.UserProcessorTime.TotalMilliseconds,
                    process.PrivilegedProcessorTime.TotalMilliseconds,
                    threads.ToArray());
                return process.HasExited ? null : counters;
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception)
            {
                return null; // ended while being read
            }
        }
    }

    public void Dispose()
    {
        // Nothing is kept between readings.
    }

    private static ThreadCounters? TryRead(ProcessThread thread)
    {
        try
        {
            var state = thread.ThreadState;
            if (state == System.Diagnostics.ThreadState.Terminated) return null;
            return new ThreadCounters(
                thread.Id,
                string.Empty,
                StateLetter(state),
                thread.UserProcessorTime.TotalMilliseconds,
                thread.PrivilegedProcessorTime.TotalMilliseconds,
                OnCpuMs: null,
                WaitingForCpuMs: null,
                VoluntarySwitches: null,
                InvoluntarySwitches: null,
                StartedMs: StartedMs(thread));
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            return null; // the thread ended: its properties can no longer be read
        }
    }

    /// <summary>Where the platform gives it (not on macOS).</summary>
    private static double? StartedMs(ProcessThread thread) =>
        OperatingSystem.IsLinux() || OperatingSystem.IsWindows()
            ? (thread.StartTime.ToUniversalTime() - DateTime.UnixEpoch).TotalMilliseconds
            : null;

    /// <summary>The letters of Linux's ps: R running or ready to run, S waiting, ? otherwise.</summary>
    private static char StateLetter(System.Diagnostics.ThreadState state) => state switch
    {
        System.Diagnostics.ThreadState.Running or System.Diagnostics.ThreadState.Ready or System.Diagnostics.ThreadState.Standby => 'R',
        System.Diagnostics.ThreadState.Wait => 'S',
        _ => '?',
    };
}

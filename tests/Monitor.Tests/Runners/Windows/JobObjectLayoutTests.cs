using System.Runtime.InteropServices;
using Monitor.Runners.Windows;

namespace Monitor.Tests.Runners.Windows;

/// <summary>The job limits structure as SetInformationJobObject reads it in a 64-bit process (winnt.h: two
/// LARGE_INTEGERs, then DWORD LimitFlags, SIZE_Ts and DWORDs at their natural alignment; IO_COUNTERS is six
/// ULONGLONGs; four SIZE_Ts close it). A wrong layout would put KILL_ON_JOB_CLOSE in another field, silently.</summary>
public sealed class JobObjectLayoutTests
{
    [Fact]
    public void The_extended_limits_have_the_64_bit_windows_layout()
    {
        Assert.True(Environment.Is64BitProcess, "the layout checked is the 64-bit one");

        Assert.Equal(64, Marshal.SizeOf<JobObjectBasicLimitInformation>());
        Assert.Equal(16, Offset<JobObjectBasicLimitInformation>("LimitFlags"));
        Assert.Equal(24, Offset<JobObjectBasicLimitInformation>("MinimumWorkingSetSize"));
        Assert.Equal(40, Offset<JobObjectBasicLimitInformation>("ActiveProcessLimit"));
        Assert.Equal(48, Offset<JobObjectBasicLimitInformation>("Affinity"));
        Assert.Equal(56, Offset<JobObjectBasicLimitInformation>("PriorityClass"));
        Assert.Equal(60, Offset<JobObjectBasicLimitInformation>("SchedulingClass"));
        Assert.Equal(48, Marshal.SizeOf<IoCounters>());

        Assert.Equal(144, Marshal.SizeOf<JobObjectExtendedLimitInformation>());
        Assert.Equal(0, Offset<JobObjectExtendedLimitInformation>("BasicLimitInformation"));
        Assert.Equal(64, Offset<JobObjectExtendedLimitInformation>("IoInfo"));
        Assert.Equal(112, Offset<JobObjectExtendedLimitInformation>("ProcessMemoryLimit"));
        Assert.Equal(136, Offset<JobObjectExtendedLimitInformation>("PeakJobMemoryUsed"));
    }

    [Fact]
    public void Kill_on_close_lands_in_limit_flags_and_nowhere_else()
    {
        var limits = new JobObjectExtendedLimitInformation();
        limits.BasicLimitInformation.LimitFlags = JobObjectExtendedLimitInformation.KillOnJobClose;

        var bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref limits, 1));

        Assert.Equal(0x2000u, BitConverter.ToUInt32(bytes[16..20]));
        Assert.Equal(143, bytes.Count((byte)0));
        Assert.Equal(9, JobObjectExtendedLimitInformation.InformationClass);
    }

    private static int Offset<T>(string field) => (int)Marshal.OffsetOf<T>(field);
}

using System.Runtime.InteropServices;
using Monitor.Workloads.MacOS;

namespace Monitor.Tests.Workloads.MacOS;

/// <summary>The struct kevent the watchdog hands macOS, against sys/event.h's 64-bit layout. Marshal computes the
/// layout the same way on any 64-bit system, so Linux checks it.</summary>
public sealed class KernelEventLayoutTests
{
    [Fact]
    public void The_struct_is_32_bytes_with_the_fields_where_sys_event_h_puts_them()
    {
        Assert.Equal(8, IntPtr.Size); // the layout below is the 64-bit one; Monitor ships 64-bit only
        Assert.Equal(32, Marshal.SizeOf<KernelEvent>());
        Assert.Equal(0, (int)Marshal.OffsetOf<KernelEvent>(nameof(KernelEvent.Ident)));
        Assert.Equal(8, (int)Marshal.OffsetOf<KernelEvent>(nameof(KernelEvent.Filter)));
        Assert.Equal(10, (int)Marshal.OffsetOf<KernelEvent>(nameof(KernelEvent.Flags)));
        Assert.Equal(12, (int)Marshal.OffsetOf<KernelEvent>(nameof(KernelEvent.FilterFlags)));
        Assert.Equal(16, (int)Marshal.OffsetOf<KernelEvent>(nameof(KernelEvent.Data)));
        Assert.Equal(24, (int)Marshal.OffsetOf<KernelEvent>(nameof(KernelEvent.UserData)));
    }

    [Fact]
    public void A_watch_on_a_parent_asks_once_for_its_exit()
    {
        var watch = KernelEvent.ExitOf(4242);

        Assert.Equal((nuint)4242, watch.Ident);
        Assert.Equal(-5, watch.Filter); // EVFILT_PROC
        Assert.Equal(0x1 | 0x4 | 0x10, watch.Flags); // EV_ADD | EV_ENABLE | EV_ONESHOT
        Assert.Equal(0x80000000u, watch.FilterFlags); // NOTE_EXIT
    }

    [Fact]
    public void Only_an_exit_without_an_error_reads_as_the_exit()
    {
        var exit = new KernelEvent { Filter = -5, FilterFlags = 0x80000000 };
        var error = new KernelEvent { Filter = -5, Flags = 0x4000, FilterFlags = 0x80000000 }; // EV_ERROR
        var fork = new KernelEvent { Filter = -5, FilterFlags = 0x40000000 }; // NOTE_FORK
        var read = new KernelEvent { Filter = -1, FilterFlags = 0x80000000 }; // EVFILT_READ

        Assert.True(exit.IsExit);
        Assert.False(error.IsExit);
        Assert.False(fork.IsExit);
        Assert.False(read.IsExit);
    }
}

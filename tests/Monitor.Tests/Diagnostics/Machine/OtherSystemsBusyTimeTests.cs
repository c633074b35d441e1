using Monitor.Diagnostics.Sources.Machine;
using Monitor.Diagnostics.Sources.Machine.MacOS;
using Monitor.Diagnostics.Sources.Machine.Windows;

namespace Monitor.Tests.Diagnostics.Machine;

/// <summary>The machine's busy time on Windows and macOS, the arithmetic from their counters' raw values (the calls
/// themselves need those systems).</summary>
public sealed class OtherSystemsBusyTimeTests
{
    [Fact]
    public void Windows_kernel_time_includes_idle_so_busy_is_kernel_minus_idle_plus_user()
    {
        // 2 CPUs for 10 s = 200,000,000 units of 100 ns; 30 % busy: 3 s user, 3 s kernel, 14 s idle (inside kernel).
        Assert.Equal(6_000, WindowsSystemTimes.BusyMs(idle100ns: 140_000_000, kernel100ns: 170_000_000, user100ns: 30_000_000), 9);
    }

    [Fact]
    public void MacOS_busy_is_user_system_and_nice_ticks_not_idle()
    {
        // cpu_ticks: user 250, system 50, idle 700, nice 10 → 310 ticks of 10 ms.
        Assert.Equal(3_100, MacHostCpuLoad.BusyMs([250UL, 50, 700, 10]), 9);
    }

    [Fact]
    public void Wrapping_32_bit_counters_carry_on_as_64_bit_totals()
    {
        var totals = new TickTotals(2);
        Assert.Equal([4_294_967_000UL, 5UL], totals.Add([4_294_967_000u, 5u]));
        // The first counter wraps: 296 to the top, then 104 more.
        Assert.Equal([4_294_967_400UL, 15UL], totals.Add([104u, 15u]));
        Assert.Equal([4_294_967_400UL, 15UL], totals.Add([104u, 15u]));
    }
}

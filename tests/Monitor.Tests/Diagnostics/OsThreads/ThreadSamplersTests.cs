using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Model;

namespace Monitor.Tests.Diagnostics.OsThreads;

/// <summary>MONITOR_SAMPLER picks the thread reader: unset means this system's own, a reader this system lacks or a
/// word that is no reader is refused with a line that says what is possible.</summary>
public sealed class ThreadSamplersTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Unset_means_the_systems_own_reader(string? asked) =>
        Assert.Equal(OperatingSystem.IsLinux() ? ThreadReader.Proc : ThreadSamplers.Native(), ThreadSamplers.Chosen(asked));

    [Theory]
    [InlineData("portable")]
    [InlineData("Portable")]
    [InlineData(" portable ")]
    public void Portable_is_there_on_every_system(string asked) => Assert.Equal(ThreadReader.Portable, ThreadSamplers.Chosen(asked));

    [Fact]
    public void Proc_on_linux_and_the_other_systems_readers_refused_here()
    {
        Assert.Equal(ThreadReader.Proc, ThreadSamplers.Chosen("proc"));
        var windows = Assert.Throws<RequestRefusedException>(() => ThreadSamplers.Chosen("windows"));
        Assert.Equal("MONITOR_SAMPLER=windows: this system has no windows thread reader (it has proc and portable)", windows.Message);
        Assert.Throws<RequestRefusedException>(() => ThreadSamplers.Chosen("macos"));
    }

    [Fact]
    public void A_word_that_is_no_reader_is_refused_with_the_choices()
    {
        var e = Assert.Throws<RequestRefusedException>(() => ThreadSamplers.Chosen("fast"));
        Assert.Equal("MONITOR_SAMPLER=fast: not one of proc | windows | macos | portable", e.Message);
    }
}

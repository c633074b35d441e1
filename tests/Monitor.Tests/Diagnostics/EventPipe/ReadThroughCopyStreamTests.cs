using Monitor.Diagnostics.Sources.EventPipe;

namespace Monitor.Tests.Diagnostics.EventPipe;

public sealed class ReadThroughCopyStreamTests
{
    private static readonly byte[] Data = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public void The_copy_holds_exactly_the_bytes_read()
    {
        var copy = new MemoryStream();
        using var stream = new ReadThroughCopyStream(new MemoryStream(Data), copy, e => Assert.Fail(e.Message));
        var read = new MemoryStream();
        var buffer = new byte[777];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0) read.Write(buffer, 0, n);
        Assert.Equal(Data, read.ToArray());
        Assert.Equal(Data, copy.ToArray());
        Assert.Equal(Data.Length, stream.BytesRead);
    }

    [Fact]
    public async Task A_failing_copy_is_reported_once_and_dropped_while_reading_goes_on()
    {
        var failures = new List<Exception>();
        var full = new DiskFullStream();
        using var stream = new ReadThroughCopyStream(new MemoryStream(Data), full, failures.Add);
        var read = new MemoryStream();
        await stream.CopyToAsync(read, 1000);
        Assert.Equal(Data, read.ToArray());
        Assert.IsType<IOException>(Assert.Single(failures));
        Assert.Equal(1, full.Writes);
        Assert.False(stream.IsCopying);
    }
}

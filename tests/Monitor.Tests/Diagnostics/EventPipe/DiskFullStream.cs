namespace Monitor.Tests.Diagnostics.EventPipe;

/// <summary>A writable stream whose every write fails the way a full disk does.</summary>
public sealed class DiskFullStream : MemoryStream
{
    public int Writes { get; private set; }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Writes++;
        throw new IOException("No space left on device");
    }
}

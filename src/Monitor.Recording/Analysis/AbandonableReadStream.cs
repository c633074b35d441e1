namespace Monitor.Recording.Analysis;

/// <summary>A read-only file stream whose reads fail once it is abandoned: a parser stuck in a loop over a damaged
/// file stops at its next read instead of spinning on a thread nobody waits for any more.</summary>
internal sealed class AbandonableReadStream(Stream inner) : Stream
{
    private volatile bool _abandoned;

    public void Abandon() => _abandoned = true;

    public bool IsAbandoned => _abandoned;

    public override bool CanRead => true;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set
        {
            ThrowIfAbandoned();
            inner.Position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ThrowIfAbandoned();
        return inner.Read(buffer);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ThrowIfAbandoned();
        return inner.Seek(offset, origin);
    }

    private void ThrowIfAbandoned()
    {
        if (_abandoned) throw new OperationCanceledException("reading the trace was abandoned");
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

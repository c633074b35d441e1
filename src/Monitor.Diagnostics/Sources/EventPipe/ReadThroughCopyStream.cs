namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>
/// A read-only stream over a session's event stream that writes every byte it hands out to a copy (a .nettrace
/// recording), so the copy is byte-identical to what was parsed. A copy that fails (disk full) is dropped and reported
/// once; reading goes on. The copy is disposed with this stream; the inner stream belongs to the session.
/// </summary>
public sealed class ReadThroughCopyStream : Stream
{
    private readonly Stream _inner;
    private readonly Action<Exception> _copyFailed;
    private Stream? _copy;

    /// <param name="copy">Where the bytes go; null only counts them.</param>
    public ReadThroughCopyStream(Stream inner, Stream? copy, Action<Exception> copyFailed)
    {
        _inner = inner;
        _copy = copy;
        _copyFailed = copyFailed;
    }

    private long _bytesRead;

    /// <summary>Bytes read through this stream so far; readable from any thread.</summary>
    public long BytesRead => Volatile.Read(ref _bytesRead);

    /// <summary>False without a copy, once the copy has failed, or once this stream is disposed.</summary>
    public bool IsCopying => _copy is not null;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = _inner.Read(buffer);
        Copy(buffer[..n]);
        return n;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancel) =>
        await ReadAsync(buffer.AsMemory(offset, count), cancel).ConfigureAwait(false);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancel = default)
    {
        int n = await _inner.ReadAsync(buffer, cancel).ConfigureAwait(false);
        Copy(buffer.Span[..n]);
        return n;
    }

    private void Copy(ReadOnlySpan<byte> bytes)
    {
        Volatile.Write(ref _bytesRead, _bytesRead + bytes.Length);
        if (_copy is null || bytes.IsEmpty) return;
        try
        {
            _copy.Write(bytes);
        }
        catch (Exception e)
        {
            DropCopy();
            _copyFailed(e);
        }
    }

    private void DropCopy()
    {
        var copy = _copy;
        _copy = null;
        try
        {
            copy?.Dispose();
        }
        catch (Exception)
        {
            // Disposing flushes: after a failed write the flush fails the same way, already reported.
        }
    }

    public override void Flush() => _copy?.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            var copy = _copy;
            _copy = null;
            try
            {
                copy?.Dispose();
            }
            catch (Exception e)
            {
                _copyFailed(e);
            }
        }
        base.Dispose(disposing);
    }
}

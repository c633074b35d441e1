using System.Threading.Channels;

namespace Monitor.Cli.Sinks;

/// <summary>
/// A write-only stream that hands what is written to a thread of its own, which writes it to the target.
/// The session never blocks on a reader that stopped reading (a stalled pipe would hold the snapshot clock and, after a
/// signal, the result line, forever), and a write that failed (the reader closed the pipe, a full disk) is thrown from
/// the next <see cref="Write(byte[], int, int)"/> or <see cref="Flush"/>, so the sink fails and the run ends.
/// </summary>
public sealed class QueuedOutput : Stream
{
    /// <summary>Chunks waiting at most; a writer that finds the queue full waits for the reader, or for a stop.</summary>
    public const int Capacity = 4096;

    private readonly Channel<byte[]> _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(Capacity) { SingleReader = true });
    private readonly Stream _target;
    private readonly CancellationToken _stopping;
    private readonly Task _writer;
    private volatile Exception? _failure;

    /// <param name="stopping">set when Monitor is told to end: a writer waiting for room gives up.</param>
    public QueuedOutput(Stream target, CancellationToken stopping)
    {
        _target = target;
        _stopping = stopping;
        _writer = Task.Run(WriteAllAsync);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfFailed();
        var chunk = buffer.ToArray();
        while (!_queue.Writer.TryWrite(chunk))
        {
            try
            {
                if (!_queue.Writer.WaitToWriteAsync(_stopping).AsTask().GetAwaiter().GetResult()) throw new ObjectDisposedException(nameof(QueuedOutput));
            }
            catch (OperationCanceledException)
            {
                throw new IOException("the output is not being read");
            }
            ThrowIfFailed();
        }
    }

    public override void Flush() => ThrowIfFailed();

    /// <summary>Waits until everything written has reached the target: as long as that takes while Monitor ends
    /// normally (a slow reader gets every line), at most <paramref name="afterStop"/> once it was told to stop (a
    /// reader that stopped reading does not keep a signal from ending Monitor).</summary>
    public async Task DrainAsync(TimeSpan afterStop)
    {
        _queue.Writer.TryComplete();
        var stopped = Task.Delay(Timeout.Infinite, _stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        if (await Task.WhenAny(_writer, stopped).ConfigureAwait(false) == _writer) return;
        await Task.WhenAny(_writer, Task.Delay(afterStop)).ConfigureAwait(false);
    }

    private async Task WriteAllAsync()
    {
        try
        {
            await foreach (var chunk in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                _target.Write(chunk);
                if (_queue.Reader.Count == 0) _target.Flush();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            _failure = e;
            _queue.Writer.TryComplete(e);
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } e) throw new IOException(e.Message, e);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

namespace Monitor.Recording;

/// <summary>
/// The write end of one process's .nettrace, handed to the EventPipe observer as the copy of a session's stream. It
/// counts bytes for the recorder's indicator; a failed write is reported to the recorder and rethrown, so the session's
/// copy is dropped while the live session goes on. Once the recorder stops, further bytes are ignored.
/// </summary>
internal sealed class RecordedProcessStream : Stream
{
    private readonly object _gate = new();
    private readonly FileStream _file;
    private readonly TraceRecorder _recorder;
    private long _bytes;
    private bool _closed;

    public RecordedProcessStream(FileStream file, TraceRecorder recorder, int pid, string role, string fileName)
    {
        _file = file;
        _recorder = recorder;
        Pid = pid;
        Role = role;
        FileName = fileName;
        StartedAt = DateTimeOffset.Now;
    }

    public int Pid { get; }
    public string Role { get; }
    public string FileName { get; }
    public DateTimeOffset StartedAt { get; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>True once the session ended (the observer disposed this stream) with every byte written.</summary>
    public bool EndedWithSession { get; private set; }

    public long Bytes => Interlocked.Read(ref _bytes);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Bytes;
    public override long Position { get => Bytes; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            if (_closed) return;
            try
            {
                _file.Write(buffer);
            }
            catch (Exception e)
            {
                CloseFile();
                _recorder.Fail($"writing {FileName}: {e.Message}");
                throw;
            }
            Interlocked.Add(ref _bytes, buffer.Length);
        }
        _recorder.Wrote(buffer.Length);
    }

    public override void Flush()
    {
        lock (_gate)
        {
            if (!_closed) _file.Flush();
        }
    }

    /// <summary>The recorder stops: the file ends here, wherever the session is.</summary>
    internal void Cut()
    {
        lock (_gate) CloseFile();
    }

    private void CloseFile()
    {
        if (_closed) return;
        _closed = true;
        EndedAt = DateTimeOffset.Now;
        try
        {
            _file.Dispose();
        }
        catch (IOException)
        {
            // The final flush of a full disk: the write that failed first was reported.
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                if (!_closed)
                {
                    try
                    {
                        _file.Flush();
                        EndedWithSession = true;
                    }
                    catch (IOException e)
                    {
                        _recorder.Fail($"writing {FileName}: {e.Message}");
                    }
                    CloseFile();
                }
            }
            _recorder.ProcessEnded(this);
        }
        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

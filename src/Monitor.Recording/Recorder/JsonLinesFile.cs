using System.Text.Json;
using Monitor.Recording.Bundles;

namespace Monitor.Recording;

/// <summary>An owner-only NDJSON file written a whole line at a time and flushed after each, so a Monitor killed
/// mid-recording leaves whole lines behind (at most the last one cut). Safe to call from several threads.</summary>
internal sealed class JsonLinesFile : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly object _gate = new();
    private readonly FileStream _file;
    private readonly Utf8JsonWriter _json;
    private long _bytes;
    private int _lines;
    private bool _closed;

    /// <param name="file">a new file of the bundle (<see cref="BundleDirectory.CreateNew"/>); owned from here on.</param>
    public JsonLinesFile(FileStream file)
    {
        _file = file;
        _json = new Utf8JsonWriter(_file);
    }

    public long Bytes => Interlocked.Read(ref _bytes);
    public int Lines => Volatile.Read(ref _lines);

    /// <summary>Writes one line, the one value <paramref name="body"/> writes; throws what the file system throws (disk
    /// full).</summary>
    public void WriteLine(Action<Utf8JsonWriter> body)
    {
        lock (_gate)
        {
            if (_closed) return;
            _json.Reset(_file);
            body(_json);
            _json.Flush();
            long written = _json.BytesCommitted + NewLine.Length;
            _file.Write(NewLine);
            _file.Flush();
            Interlocked.Add(ref _bytes, written);
            Interlocked.Increment(ref _lines);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            try
            {
                _json.Dispose();
                _file.Dispose();
            }
            catch (IOException)
            {
                // Only a flush of what already failed to be written can fail here; that failure was reported.
            }
        }
    }
}

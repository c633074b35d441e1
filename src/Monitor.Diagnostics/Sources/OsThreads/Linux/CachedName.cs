using System.Text;

namespace Monitor.Diagnostics.Sources.OsThreads.Linux;

/// <summary>A thread's or process's name as last read: the same string while the raw bytes stay the same, so reading
/// it again allocates nothing; a rename shows at once. Not thread-safe.</summary>
internal sealed class CachedName
{
    private byte[] _raw = [];
    private string _name = string.Empty;

    public string Get(ReadOnlySpan<byte> raw)
    {
        if (!raw.SequenceEqual(_raw))
        {
            _raw = raw.ToArray();
            _name = Encoding.UTF8.GetString(raw);
        }
        return _name;
    }
}

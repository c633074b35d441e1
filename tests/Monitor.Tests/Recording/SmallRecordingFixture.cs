using Monitor.Recording.Bundles;

namespace Monitor.Tests.Recording;

/// <summary>One real, small, contended recording (gil mode) that damage tests copy and break.</summary>
public sealed class SmallRecordingFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    public string Bundle => _dir.Combine("bundle");

    public RecordedRun Recorded { get; private set; } = null!;

    /// <summary>The bundle's one .nettrace.</summary>
    public string Nettrace => Directory.GetFiles(Bundle, "*" + BundleLayout.NettraceExtension).Single();

    public async Task InitializeAsync() =>
        Recorded = await RecordedRun.RecordAsync(Bundle, "--mode", "gil", "--workers", "2", "--n", "1e9", "--interval", "200");

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A copy of the bundle under <paramref name="into"/>, to damage.</summary>
    public string CopyBundle(string into)
    {
        Directory.CreateDirectory(into);
        foreach (var file in Directory.GetFiles(Bundle)) File.Copy(file, Path.Combine(into, Path.GetFileName(file)));
        return into;
    }
}

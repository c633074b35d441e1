using System.Text.Json;
using Monitor.Model;
using Monitor.Recording;
using Monitor.Recording.Bundles;

namespace Monitor.Tests.Recording;

/// <summary>The manifest's runs[]: every run that went on while recording, also one already going when recording
/// started or still going when it stopped; and the one run of a bundle written before runs were listed.</summary>
public sealed class BundleRunsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static RunStart Started(RunMode mode, int workers, int pid) =>
        new(new WorkloadSpec(mode, workers, 1_000_000), DateTimeOffset.Now, [pid]);

    private static RunSummary Ended(RunStart run, RunOutcome outcome = RunOutcome.Completed) => new()
    {
        Mode = run.Spec.Mode, Work = run.Spec.Work, Workers = run.Spec.Workers, N = run.Spec.N, ElapsedMs = 5,
        Correct = outcome == RunOutcome.Completed, Outcome = outcome, Failure = outcome == RunOutcome.Completed ? null : outcome.Name(),
        Sum = outcome == RunOutcome.Completed ? run.Spec.Expected : 0,
    };

    private static BundleManifest Read(string bundle, string file) =>
        ManifestJson.Deserialize(File.ReadAllBytes(Path.Combine(bundle, file)));

    [Fact]
    public void A_recording_lists_the_run_going_when_it_started_the_runs_during_it_and_the_one_going_when_it_stopped()
    {
        var recording = new RecorderSwitch();
        RunStart before = Started(RunMode.Gil, 2, 10), during = Started(RunMode.Threads, 2, 11), after = Started(RunMode.Processes, 2, 12);
        recording.RunStarted(before);

        string bundle = _dir.Combine("bundle");
        recording.Start(bundle, new BundleManifest { Mode = "gil" });
        Assert.Equal(["gil"], Read(bundle, BundleLayout.PartialManifest).Runs!.Select(r => r.Mode));

        recording.RunFinished(Ended(before, RunOutcome.Stopped), before);
        recording.RunStarted(during);
        recording.RunFinished(Ended(during), during);
        recording.RunStarted(after);
        // While recording, the partial manifest already says what a killed Monitor could no longer write.
        Assert.Equal(["gil", "threads", "processes"], Read(bundle, BundleLayout.PartialManifest).Runs!.Select(r => r.Mode));

        var manifest = recording.Stop()!;
        recording.RunFinished(Ended(after), after);

        var written = Read(bundle, BundleLayout.Manifest);
        Assert.Equal(BundleManifest.CurrentFormatVersion, written.FormatVersion);
        var runs = written.Runs!;
        Assert.Equal(["gil", "threads", "processes"], runs.Select(r => r.Mode));
        Assert.Equal([10, 11, 12], runs.Select(r => r.Pids.Single()));
        Assert.Equal([false, true, null], runs.Select(r => r.Correct));
        Assert.Equal("stopped", runs[0].Failure);
        Assert.NotNull(runs[1].EndedAt);
        Assert.Null(runs[2].EndedAt);
        Assert.Equal(runs.Count, manifest.Runs!.Count);
    }

    [Fact]
    public void A_run_that_ended_before_recording_started_is_not_listed()
    {
        var recording = new RecorderSwitch();
        var run = Started(RunMode.Single, 1, 20);
        recording.RunStarted(run);
        recording.RunFinished(Ended(run), run);

        string bundle = _dir.Combine("bundle");
        recording.Start(bundle, new BundleManifest { Mode = "single" });
        recording.Stop();

        Assert.Empty(Read(bundle, BundleLayout.Manifest).Runs!);
    }

    [Fact]
    public void A_format_1_manifest_reads_as_its_one_run()
    {
        using var result = JsonDocument.Parse("""{"type":"result","mode":"gil","correct":false,"failure":"interrupted"}""");
        var old = new BundleManifest
        {
            FormatVersion = 1,
            Mode = "gil", Work = "cpu", Runtime = "dotnet", Workers = 2, N = 1_000_000_000, SwitchMs = 5,
            StartedAt = DateTimeOffset.Now.AddSeconds(-3), EndedAt = DateTimeOffset.Now,
            Processes = [new RecordedProcess(42, "worker", DateTimeOffset.Now, null, "worker-42.nettrace", 10, true)],
            Result = result.RootElement.Clone(),
        };
        // As written by a Monitor before runs[]: the field is absent, not empty.
        var written = ManifestJson.Deserialize(ManifestJson.Serialize(old with { Runs = null }));
        Assert.Null(written.Runs);

        var run = Assert.Single(BundleRuns.Of(written));
        Assert.Equal(("gil", "cpu", "dotnet", 2, 1_000_000_000L, 5), (run.Mode, run.Work, run.Runtime, run.Workers!.Value, run.N!.Value, run.SwitchMs!.Value));
        Assert.Equal([42], run.Pids);
        Assert.Equal(written.StartedAt, run.StartedAt);
        Assert.Equal(written.EndedAt, run.EndedAt);
        Assert.False(run.Correct);
        Assert.Equal("interrupted", run.Failure);

        Assert.Empty(BundleRuns.Of(written with { Mode = "attach" }));
        Assert.Empty(BundleRuns.Of(null));
    }
}

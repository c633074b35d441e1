using System.Diagnostics;
using Monitor.Recording.Analysis;
using Xunit.Abstractions;

namespace Monitor.Tests.Recording;

/// <summary>Hundreds of damaged variants of a real recording through analyze's own code path, in process: each either
/// gives a report or an <see cref="UnusableInputException"/>; nothing else escapes and nothing hangs.</summary>
public sealed class AnalyzeFuzzTests(SmallRecordingFixture recording, ITestOutputHelper output) : IClassFixture<SmallRecordingFixture>, IDisposable
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan OverrunLimit = TimeSpan.FromSeconds(45);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Truncations_and_byte_flips_never_escape_or_hang()
    {
        var original = File.ReadAllBytes(recording.Nettrace);
        var random = new Random(20261125);
        var inputs = new List<(string Kind, byte[] Bytes)>();
        // Every length near the start (the header), then evenly spread cuts.
        for (int keep = 0; keep < 64; keep++) inputs.Add(($"cut {keep}", original[..keep]));
        for (int i = 1; i <= 150; i++) inputs.Add(($"cut {i}/150", original[..(int)((long)original.Length * i / 151)]));
        for (int i = 0; i < 250; i++)
        {
            var flipped = (byte[])original.Clone();
            int flips = 1 + random.Next(8);
            for (int f = 0; f < flips; f++) flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
            inputs.Add(($"flip {i}", flipped));
        }
        for (int i = 0; i < 40; i++)
        {
            // Overwrite a run of bytes with noise, past the magic so the parser gets to see it.
            var noisy = (byte[])original.Clone();
            int at = 8 + random.Next(noisy.Length - 8);
            random.NextBytes(noisy.AsSpan(at, Math.Min(64, noisy.Length - at)));
            inputs.Add(($"noise {i}", noisy));
        }

        int reports = 0, unusable = 0, incomplete = 0, guarded = 0;
        var escaped = new List<string>();
        var clock = Stopwatch.StartNew();
        string path = _dir.Combine("fuzz.nettrace");
        foreach (var (kind, bytes) in inputs)
        {
            File.WriteAllBytes(path, bytes);
            var one = Stopwatch.StartNew();
            try
            {
                var report = TraceAnalyzer.Analyze(path, HangLimit);
                reports++;
                if (!report.Complete) incomplete++;
            }
            catch (UnusableInputException e)
            {
                unusable++;
                // TraceEvent loops on some damage; the time limit is what bounds analyze then.
                if (e.Message.Contains("took longer", StringComparison.Ordinal)) guarded++;
            }
            catch (Exception e)
            {
                escaped.Add($"{kind}: {e.GetType().Name}: {e.Message}");
            }
            // Generous: once in a few runs one damaged input stalled the process ~20 s (a huge allocation and the GC
            // that follows, presumably); the parse itself is cut off at HangLimit.
            if (one.Elapsed > OverrunLimit) escaped.Add($"{kind}: took {one.Elapsed.TotalSeconds:0.0} s");
        }
        output.WriteLine($"{inputs.Count} inputs from a {original.Length}-byte recording in {clock.Elapsed.TotalSeconds:0.0} s: " +
            $"{reports} reports ({incomplete} incomplete), {unusable} unusable ({guarded} stopped by the time limit), {escaped.Count} escaped or overran");
        foreach (var e in escaped) output.WriteLine(e);
        Assert.True(inputs.Count >= 500);
        Assert.Empty(escaped);
    }
}

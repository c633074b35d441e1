using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Monitor.Tests.Export;

/// <summary>A fact that needs a real Prometheus server: skipped, saying why, where the `prometheus` program is missing
/// (.ci/run installs Debian's package when it can).</summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute()
    {
        if (PrometheusServer.Program() is null) Skip = "needs a Prometheus server: the prometheus program is not on PATH (apt-get install prometheus; .ci/run installs it when it can)";
    }
}

/// <summary>
/// A real Prometheus server for one test, on loopback, with a scrape config of its own and its data in a temporary
/// directory; it scrapes <c>targets</c> every <c>scrapeInterval</c>. Disposing ends it and removes its data.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Process _process;
    private readonly string _directory;

    private PrometheusServer(Process process, string directory, Uri url)
    {
        _process = process;
        _directory = directory;
        Url = url;
    }

    public Uri Url { get; }

    public static string? Program() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, "prometheus")).FirstOrDefault(File.Exists);

    public static async Task<PrometheusServer> StartAsync(IEnumerable<string> targets, TimeSpan scrapeInterval)
    {
        string program = Program() ?? throw new InvalidOperationException("prometheus is not installed");
        string directory = Directory.CreateTempSubdirectory("monitor-prometheus-").FullName;
        string interval = $"{scrapeInterval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
        string config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: {interval}
              scrape_timeout: {interval}
            scrape_configs:
              - job_name: monitor
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
            """);
        int port = LoopbackPort.Free();
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(a);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        _ = process.StandardOutput.ReadToEndAsync();
        var log = process.StandardError.ReadToEndAsync();
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}"));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var ready = await Http.GetAsync(new Uri(server.Url, "/-/ready"));
                if (ready.IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                server.Dispose();
                throw new InvalidOperationException($"prometheus did not become ready: {(process.HasExited ? await log : "timeout")}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Every sample Prometheus stored of the series <paramref name="selector"/> picks over the last
    /// <paramref name="window"/>, through its HTTP API (/api/v1/query with a range selector), per series.</summary>
    public async Task<IReadOnlyList<StoredSeries>> SamplesAsync(string selector, TimeSpan window)
    {
        string query = $"{selector}[{(int)window.TotalSeconds}s]";
        using var document = await QueryAsync(query);
        var result = document.RootElement.GetProperty("data");
        Assert.Equal("matrix", result.GetProperty("resultType").GetString());
        return result.GetProperty("result").EnumerateArray().Select(series => new StoredSeries(
            series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            series.GetProperty("values").EnumerateArray().Select(v => (
                DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(v[0].GetDouble() * 1000)),
                double.Parse(v[1].GetString()!, CultureInfo.InvariantCulture))).ToArray())).ToArray();
    }

    /// <param name="at">the evaluation time; null: now.</param>
    public async Task<JsonDocument> QueryAsync(string query, DateTimeOffset? at = null)
    {
        string time = at is { } t ? $"&time={(t.ToUnixTimeMilliseconds() / 1000.0).ToString(CultureInfo.InvariantCulture)}" : "";
        string body = await Http.GetStringAsync(new Uri(Url, $"/api/v1/query?query={Uri.EscapeDataString(query)}{time}"));
        var document = JsonDocument.Parse(body);
        Assert.Equal("success", document.RootElement.GetProperty("status").GetString());
        return document;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>One series as Prometheus stored it: its labels and its samples (scrape time, value).</summary>
public sealed record StoredSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset At, double Value)> Samples);

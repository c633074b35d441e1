using System.Diagnostics;

namespace Monitor.Tests.Export;

/// <summary>Scrapes an endpoint the way Prometheus does, until what it gives satisfies a condition.</summary>
public static class Scrapes
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<PrometheusText> ReadAsync(Uri url) => PrometheusText.Parse(await Http.GetStringAsync(url));

    /// <summary>Scrapes every 200 ms until <paramref name="condition"/> holds; the bound is a hang guard. An endpoint
    /// not listening yet is scraped again.</summary>
    public static async Task<PrometheusText> UntilAsync(Uri url, Func<PrometheusText, bool> condition, string what, TimeSpan bound, Func<string>? context = null)
    {
        var clock = Stopwatch.StartNew();
        PrometheusText? last = null;
        while (true)
        {
            try
            {
                last = await ReadAsync(url);
                if (condition(last)) return last;
            }
            catch (HttpRequestException)
            {
            }
            if (clock.Elapsed > bound)
            {
                throw new TimeoutException($"no scrape of {url} with {what} within {bound}; last:\n{string.Join('\n', last?.Samples.Take(40) ?? [])}\n{context?.Invoke()}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>CPU seconds (user + system) of a process, from its /proc stat.</summary>
    public static double ProcCpuSeconds(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }
}

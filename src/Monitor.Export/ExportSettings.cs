namespace Monitor.Export;

/// <summary>
/// What a session exports, and how much: a Prometheus scrape endpoint, OTLP push, or both; the caps on series per
/// process. Nothing listens and nothing is sent unless asked for here.
/// </summary>
/// <param name="Prometheus">where the scrape endpoint listens; null: none.</param>
/// <param name="Otlp">where OTLP metrics are pushed; null: no push.</param>
/// <param name="ThreadSeriesPerProcess">thread-name series per process: the busiest by CPU time, the rest as "other".</param>
/// <param name="LockSeriesPerProcess">lock series per process: the most waited for, the rest as "other".</param>
public sealed record ExportSettings(
    PrometheusEndpoint? Prometheus,
    OtlpTarget? Otlp,
    int ThreadSeriesPerProcess = ExportSettings.DefaultThreadSeries,
    int LockSeriesPerProcess = ExportSettings.DefaultLockSeries)
{
    public const int DefaultThreadSeries = 16;
    public const int DefaultLockSeries = 8;

    /// <summary>Whether anything is exported at all.</summary>
    public bool Any => Prometheus is not null || Otlp is not null;
}

/// <summary>
/// OTLP push. <see cref="Endpoint"/> null: the SDK's own defaults and environment (OTEL_EXPORTER_OTLP_ENDPOINT,
/// OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_EXPORTER_OTLP_HEADERS, OTEL_METRIC_EXPORT_INTERVAL, ...). With http/protobuf an
/// endpoint given without a path gets the signal's path, /v1/metrics, as the variables do.
/// </summary>
public sealed record OtlpTarget(Uri? Endpoint)
{
    /// <summary>An absolute http or https URL, or false with one line saying what is wrong.</summary>
    public static bool TryParse(string? text, out OtlpTarget target, out string? error)
    {
        target = new OtlpTarget((Uri?)null);
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
        {
            error = $"--otlp {text}: give the collector's URL, e.g. http://127.0.0.1:4317 (gRPC) or http://127.0.0.1:4318 with OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf";
            return false;
        }
        target = new OtlpTarget(url);
        return true;
    }
}

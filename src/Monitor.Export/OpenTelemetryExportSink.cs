using System.Diagnostics.Metrics;
using System.Net;
using System.Reflection;
using Monitor.Model;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Monitor.Export;

/// <summary>
/// Exports what a session sees as OpenTelemetry metrics: each snapshot becomes the <see cref="ExportFrame"/> that the
/// observable instruments of one <see cref="Meter"/> report (<see cref="ExportInstruments"/>), read by the SDK's
/// MeterProvider when Prometheus scrapes (<see cref="ExportSettings.Prometheus"/>) and when the OTLP exporter pushes
/// (<see cref="ExportSettings.Otlp"/>). The endpoint serves metrics only: nothing it answers changes anything.
/// </summary>
public sealed class OpenTelemetryExportSink : IMonitorSink, IDisposable
{
    public const string DefaultMeterName = "Monitor";

    private readonly ExportView _view;
    private readonly Meter _meter;
    private readonly MeterProvider _provider;
    private ExportFrame _frame = ExportFrame.Empty;

    private OpenTelemetryExportSink(ExportSettings settings, string meterName)
    {
        Settings = settings;
        _view = new ExportView(settings.ThreadSeriesPerProcess, settings.LockSeriesPerProcess);
        string version = typeof(OpenTelemetryExportSink).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        _meter = new Meter(meterName, version);
        var collected = new CollectionFrame(() => Volatile.Read(ref _frame));
        ExportInstruments.Create(_meter, collected.Current);
        var builder = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(r => Describe(r, version))
            .AddMeter(meterName);
        if (settings.Prometheus is { } endpoint) builder.AddPrometheusHttpListener(o => Serve(o, endpoint));
        if (settings.Otlp is { } otlp) builder.AddOtlpExporter((exporter, _) => Push(exporter, otlp));
        try
        {
            _provider = builder.Build();
        }
        catch (InvalidOperationException e) when (settings.Prometheus is { } failed)
        {
            _meter.Dispose();
            string why = e.InnerException is HttpListenerException listener ? listener.Message : e.GetBaseException().Message;
            throw new ExportUnavailableException(
                $"cannot serve Prometheus metrics on {failed}: {why} (another exporter on that port? give another one: --prometheus {failed.Address}:PORT)", e);
        }
    }

    /// <summary>Starts exporting: the scrape endpoint listens once this returns. Throws
    /// <see cref="ExportUnavailableException"/> when it cannot (the port is taken).</summary>
    /// <param name="meterName">the meter's name (the instrumentation scope); tests that run several at once in one
    /// process give each its own, since a MeterProvider picks meters by name.</param>
    public static OpenTelemetryExportSink Start(ExportSettings settings, string meterName = DefaultMeterName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Any) throw new ArgumentException("nothing to export", nameof(settings));
        return new OpenTelemetryExportSink(settings, meterName);
    }

    public ExportSettings Settings { get; }

    /// <summary>What the instruments report now.</summary>
    public ExportFrame Frame => Volatile.Read(ref _frame);

    public void RunStarted(RunStart run) { }

    public void SnapshotTaken(Snapshot snapshot)
    {
        var frame = _view.Apply(snapshot);
        Volatile.Write(ref _frame, frame);
    }

    public void RunFinished(RunSummary result, RunStart? started) { }

    /// <summary>Pushes what is known now to the OTLP endpoint (Prometheus scrapes when it likes).</summary>
    public void Flush() => _provider.ForceFlush(5000);

    /// <summary>Ends exporting: a last OTLP push of the latest figures, and the endpoint stops listening.</summary>
    public void Dispose()
    {
        _provider.Dispose();
        _meter.Dispose();
    }

    /// <summary>service.name monitor (unless OTEL_SERVICE_NAME says otherwise), host.name this machine's (unless
    /// OTEL_RESOURCE_ATTRIBUTES names one), and what those variables add.</summary>
    private static void Describe(ResourceBuilder resource, string version)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME")))
        {
            resource.AddService("monitor", serviceVersion: version);
        }
        string attributes = Environment.GetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES") ?? "";
        if (!attributes.Split(',').Any(a => a.Trim().StartsWith(Attributes.HostName + "=", StringComparison.Ordinal)))
        {
            resource.AddAttributes([new KeyValuePair<string, object>(Attributes.HostName, Environment.MachineName)]);
        }
    }

    private static void Serve(PrometheusHttpListenerOptions options, PrometheusEndpoint endpoint)
    {
        options.Host = endpoint.AllInterfaces ? "localhost" : endpoint.Address.ToString();
        options.Port = endpoint.Port;
        options.ScrapeEndpointPath = PrometheusEndpoint.Path;
        // host.name on every series, so that one query covers a fleet without a join on target_info.
        options.ResourceConstantLabels = key => key == Attributes.HostName;
        options.ScopeInfoEnabled = false;
        var prefixes = endpoint.Prefixes();
        options.ConfigureHttpListener = (_, listener) =>
        {
            listener.Prefixes.Clear();
            foreach (string prefix in prefixes) listener.Prefixes.Add(prefix);
        };
    }

    private static void Push(OtlpExporterOptions options, OtlpTarget target)
    {
        if (target.Endpoint is not { } url) return;
        options.Endpoint = options.Protocol == OtlpExportProtocol.HttpProtobuf && url.AbsolutePath is "" or "/"
            ? new Uri(url, "v1/metrics")
            : url;
    }
}

/// <summary>An export cannot start (its port is taken): the session does not start either.</summary>
public sealed class ExportUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

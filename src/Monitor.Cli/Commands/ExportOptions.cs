using System.CommandLine;
using System.CommandLine.Parsing;
using Monitor.Export;
using Monitor.Model;

namespace Monitor.Cli.Commands;

/// <summary>Where what a session sees is exported (docs/export.md): the options shared by run, attach and export.
/// Nothing listens and nothing is sent unless one of them is given.</summary>
public sealed class ExportOptions
{
    public Option<PrometheusEndpoint?> Prometheus { get; } = new("--prometheus")
    {
        Description = $"serve metrics for Prometheus to scrape at http://ADDR:PORT{PrometheusEndpoint.Path} (default: {PrometheusEndpoint.Default}; " +
                      "loopback unless an address is given, 0.0.0.0 for every interface)",
        HelpName = "ADDR:PORT",
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = ParsePrometheus,
    };

    public Option<OtlpTarget?> Otlp { get; } = new("--otlp")
    {
        Description = "push metrics over OTLP to this collector URL (default: the OTEL_EXPORTER_OTLP_* variables, else http://localhost:4317, gRPC)",
        HelpName = "URL",
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = ParseOtlp,
    };

    public DefaultedOption<long> ThreadSeries { get; } = Counted(TypedOption.WholeNumber("--thread-series", 1, 1000, ExportSettings.DefaultThreadSeries,
        "exported thread names per process, the busiest by CPU; the rest add up as thread.name=\"other\""));

    public DefaultedOption<long> LockSeries { get; } = Counted(TypedOption.WholeNumber("--lock-series", 1, 1000, ExportSettings.DefaultLockSeries,
        "exported locks per process, the most waited for; the rest add up as \"other\""));

    private static DefaultedOption<long> Counted(DefaultedOption<long> option)
    {
        option.HelpName = "N";
        return option;
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Prometheus);
        command.Options.Add(Otlp);
        command.Options.Add(ThreadSeries);
        command.Options.Add(LockSeries);
    }

    /// <summary>What to export, or null when neither --prometheus nor --otlp was given.</summary>
    public ExportSettings? Read(ParseResult parse)
    {
        var prometheus = parse.GetResult(Prometheus) is null ? null : parse.GetValue(Prometheus) ?? PrometheusEndpoint.Default;
        var otlp = parse.GetResult(Otlp) is null ? null : parse.GetValue(Otlp) ?? new OtlpTarget((Uri?)null);
        if (prometheus is null && otlp is null) return null;
        return new ExportSettings(prometheus, otlp, (int)ThreadSeries.ValueIn(parse), (int)LockSeries.ValueIn(parse));
    }

    /// <summary>The exporter <paramref name="settings"/> asks for, started (listening); none when null. Throws
    /// <see cref="ExportUnavailableException"/> when the endpoint cannot listen.</summary>
    public static IReadOnlyList<IMonitorSink> Start(ExportSettings? settings) =>
        settings is null ? [] : [OpenTelemetryExportSink.Start(settings)];

    /// <summary>Ends what <see cref="Start"/> started: a last OTLP push, and the endpoint closes.</summary>
    public static void Stop(IReadOnlyList<IMonitorSink> sinks)
    {
        foreach (var sink in sinks) (sink as IDisposable)?.Dispose();
    }

    private static PrometheusEndpoint? ParsePrometheus(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return PrometheusEndpoint.Default;
        if (PrometheusEndpoint.TryParse(result.Tokens[^1].Value, out var endpoint, out string? error)) return endpoint;
        result.AddError(error!);
        return null;
    }

    private static OtlpTarget? ParseOtlp(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return new OtlpTarget((Uri?)null);
        if (OtlpTarget.TryParse(result.Tokens[^1].Value, out var target, out string? error)) return target;
        result.AddError(error!);
        return null;
    }
}

using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;

namespace Monitor.Tests.Export.Otlp;

/// <summary>
/// An OTLP/HTTP metrics receiver for one test: listens on 127.0.0.1 at /v1/metrics, decodes every request body as
/// an <see cref="ExportMetricsServiceRequest"/> (the protocol's messages, compiled from otlp_metrics.proto) and answers
/// with an empty ExportMetricsServiceResponse, as a Collector does.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ExportMetricsServiceRequest> _requests = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        Port = LoopbackPort.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/v1/metrics/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public IReadOnlyList<ExportMetricsServiceRequest> Requests => _requests.ToArray();

    /// <summary>Requests that were not OTLP/HTTP protobuf metrics, said why.</summary>
    public IReadOnlyList<string> Problems => _problems.ToArray();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                var request = context.Request;
                if (request.HttpMethod != "POST" || request.ContentType != "application/x-protobuf")
                {
                    _problems.Enqueue($"{request.HttpMethod} {request.Url} {request.ContentType}");
                    context.Response.StatusCode = 400;
                }
                else
                {
                    using var body = new MemoryStream();
                    await request.InputStream.CopyToAsync(body);
                    _requests.Enqueue(ExportMetricsServiceRequest.Parser.ParseFrom(body.ToArray()));
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "application/x-protobuf";
                    byte[] response = new ExportMetricsServiceResponse().ToByteArray();
                    await context.Response.OutputStream.WriteAsync(response);
                }
            }
            catch (InvalidProtocolBufferException e)
            {
                _problems.Enqueue($"not an ExportMetricsServiceRequest: {e.Message}");
                context.Response.StatusCode = 400;
            }
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}

/// <summary>What a test reads of the requests: each data point with its metric, resource and attributes.</summary>
public sealed record OtlpPoint(
    IReadOnlyDictionary<string, string> Resource, Metric Metric, NumberDataPoint Point, IReadOnlyDictionary<string, string> Attributes)
{
    public double Value => Point.ValueCase == NumberDataPoint.ValueOneofCase.AsDouble ? Point.AsDouble : Point.AsInt;

    public static IEnumerable<OtlpPoint> Of(ExportMetricsServiceRequest request) =>
        from resource in request.ResourceMetrics
        let resourceAttributes = Read(resource.Resource.Attributes)
        from scope in resource.ScopeMetrics
        from metric in scope.Metrics
        from point in metric.DataCase == Metric.DataOneofCase.Sum ? metric.Sum.DataPoints : metric.Gauge.DataPoints
        select new OtlpPoint(resourceAttributes, metric, point, Read(point.Attributes));

    private static Dictionary<string, string> Read(IEnumerable<KeyValue> attributes) =>
        attributes.ToDictionary(a => a.Key, a => a.Value.ValueCase switch
        {
            AnyValue.ValueOneofCase.StringValue => a.Value.StringValue,
            AnyValue.ValueOneofCase.IntValue => a.Value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AnyValue.ValueOneofCase.BoolValue => a.Value.BoolValue ? "true" : "false",
            AnyValue.ValueOneofCase.DoubleValue => a.Value.DoubleValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => a.Value.ToString(),
        });
}

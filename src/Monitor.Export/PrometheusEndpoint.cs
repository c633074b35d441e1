using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Monitor.Export;

/// <summary>
/// Where the Prometheus scrape endpoint listens: an IPv4 address and a port, serving <see cref="Path"/> only.
/// Loopback unless an address is given: `--prometheus` alone is 127.0.0.1:9464. 0.0.0.0 means every IPv4 interface.
/// </summary>
/// <remarks>The SDK serves it with <see cref="HttpListener"/>, whose managed implementation binds IPv4 only and answers
/// a request only when its Host header names the address it was given (or any host, on 0.0.0.0); 127.0.0.1 also
/// answers to localhost.</remarks>
public sealed record PrometheusEndpoint(IPAddress Address, int Port)
{
    public const int DefaultPort = 9464;

    public const string Path = "/metrics";

    public static readonly PrometheusEndpoint Default = new(IPAddress.Loopback, DefaultPort);

    public bool AllInterfaces => Address.Equals(IPAddress.Any);

    public override string ToString() => $"{Address}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The URL a scraper on this machine uses.</summary>
    public Uri LocalUrl => new($"http://{(AllInterfaces ? IPAddress.Loopback : Address)}:{Port.ToString(CultureInfo.InvariantCulture)}{Path}");

    /// <summary>`ADDR:PORT`, `:PORT` or `PORT` (loopback), `localhost:PORT`; null or empty: <see cref="Default"/>.
    /// Returns false with one line saying what is wrong.</summary>
    public static bool TryParse(string? text, out PrometheusEndpoint endpoint, out string? error)
    {
        endpoint = Default;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        text = text.Trim();
        string host;
        string portText;
        if (text.StartsWith('['))
        {
            error = $"--prometheus {text}: IPv6 addresses are not supported by the scrape endpoint's listener; give an IPv4 address (0.0.0.0 for every interface)";
            return false;
        }
        int colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            if (text.All(char.IsAsciiDigit))
            {
                host = "";
                portText = text;
            }
            else
            {
                host = text;
                portText = DefaultPort.ToString(CultureInfo.InvariantCulture);
            }
        }
        else
        {
            host = text[..colon];
            portText = text[(colon + 1)..];
            if (host.Contains(':'))
            {
                error = $"--prometheus {text}: IPv6 addresses are not supported by the scrape endpoint's listener; give an IPv4 address (0.0.0.0 for every interface)";
                return false;
            }
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            error = $"--prometheus {text}: the port must be 1..65535 (got '{portText}')";
            return false;
        }
        IPAddress address;
        if (host.Length == 0 || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host, out address!) || address.AddressFamily != AddressFamily.InterNetwork || host.Count(c => c == '.') != 3)
        {
            error = $"--prometheus {text}: '{host}' is not an IPv4 address; give ADDR:PORT, e.g. 127.0.0.1:{DefaultPort} (0.0.0.0 for every interface)";
            return false;
        }
        endpoint = new PrometheusEndpoint(address, port);
        return true;
    }

    /// <summary>The listener's URL prefixes: every host on 0.0.0.0; the address itself otherwise, and localhost too on
    /// 127.0.0.1 where localhost is 127.0.0.1 (so both `localhost:9464` and `127.0.0.1:9464` scrape it).</summary>
    internal IReadOnlyList<string> Prefixes()
    {
        string port = Port.ToString(CultureInfo.InvariantCulture);
        if (AllInterfaces) return [$"http://+:{port}{Path}/"];
        var prefixes = new List<string> { $"http://{Address}:{port}{Path}/" };
        if (Address.Equals(IPAddress.Loopback) && LocalhostIsLoopback()) prefixes.Add($"http://localhost:{port}{Path}/");
        return prefixes;
    }

    private static bool LocalhostIsLoopback()
    {
        try
        {
            return Dns.GetHostAddresses("localhost") is [var first, ..] && first.Equals(IPAddress.Loopback);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

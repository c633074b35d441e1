using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.TargetApp;

/// <summary>A Kestrel app on a loopback port chosen by the system, with its own bounded load: four clients in a loop
/// call /work, which spends its time in <see cref="HashRounds"/>.</summary>
public sealed class AspNetUnderLoad : IScenario
{
    private const int Clients = 4;
    private static long _served;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/work", () =>
        {
            Interlocked.Increment(ref _served);
            return HashRounds(20_000).ToString();
        });
        // The throughput a benchmark compares with and without a monitor watching.
        app.MapGet("/served", () => Interlocked.Read(ref _served).ToString());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"listening {address}");
        for (int i = 0; i < Clients; i++) _ = Task.Run(() => LoadAsync(address));
    }

    private static async Task LoadAsync(string address)
    {
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        while (true)
        {
            try
            {
                await client.GetStringAsync("/work");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ulong HashRounds(int rounds)
    {
        ulong h = 1469598103934665603;
        for (int i = 0; i < rounds; i++) h = (h ^ (ulong)i) * 1099511628211;
        return h;
    }
}

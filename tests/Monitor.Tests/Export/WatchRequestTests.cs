using Monitor.Diagnostics.Sources.EventPipe;
using Monitor.Sessions;

namespace Monitor.Tests.Export;

/// <summary>Which processes `monitor export --name` and `--all` pick.</summary>
public sealed class WatchRequestTests
{
    private static readonly DotnetProcessInfo App = new(101, "dotnet", "/usr/share/dotnet/dotnet /srv/orders/Orders.Api.dll --urls http://+:8080");
    private static readonly DotnetProcessInfo Host = new(102, "Orders.Worker", "/srv/worker/Orders.Worker --queue jobs");

    [Theory]
    [InlineData("Orders.Api", true, false)]
    [InlineData("Orders.Worker", false, true)]
    [InlineData("dotnet", true, false)]
    [InlineData("orders.api", false, false)]
    [InlineData("Orders", false, false)]
    public void A_name_is_the_process_name_its_program_file_or_its_entry_assembly(string name, bool app, bool host)
    {
        var request = new WatchRequest([], [name], All: false, TimeSpan.FromSeconds(1));
        Assert.Equal((app, host), (request.Wants(App), request.Wants(Host)));
    }

    [Fact]
    public void All_wants_every_process_and_pids_alone_follow_nothing()
    {
        Assert.True(new WatchRequest([], [], All: true, TimeSpan.FromSeconds(1)).Wants(App));
        var pids = new WatchRequest([101], [], All: false, TimeSpan.FromSeconds(1));
        Assert.False(pids.Follows);
        Assert.False(pids.Wants(App));
    }
}

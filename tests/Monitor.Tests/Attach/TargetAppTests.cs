namespace Monitor.Tests.Attach;

public class TargetAppTests
{
    [Theory]
    [InlineData("cpu-hot")]
    [InlineData("lock-convoy")]
    public async Task A_scenario_starts_and_names_its_threads(string scenario)
    {
        using var target = await TargetApp.StartAsync(scenario);
        var names = Directory.GetDirectories($"/proc/{target.Pid}/task")
            .Select(t => File.ReadAllText(Path.Combine(t, "comm")).Trim())
            .ToArray();
        Assert.Contains(scenario == "cpu-hot" ? "hot-worker" : "convoy-1", names);
    }
}

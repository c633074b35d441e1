namespace Monitor.Tests.Compare;

/// <summary>An environment for the monitor program in which no python3 can be found: every PATH directory that holds
/// one is left out, and DOTNET_ROOT points at this runtime so the apphost still finds .NET without PATH.</summary>
public static class PathWithoutPython
{
    public static IReadOnlyDictionary<string, string?> Environment()
    {
        var kept = (System.Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(dir => !File.Exists(Path.Combine(dir, "python3")));
        // .../dotnet/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        string dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        return new Dictionary<string, string?>
        {
            ["PATH"] = string.Join(Path.PathSeparator, kept),
            ["DOTNET_ROOT"] = dotnetRoot,
        };
    }
}

using System.Globalization;
using System.Security.Cryptography;
using Monitor.Workloads;

namespace Monitor.Diagnostics.Sources.EventPipe.Windows;

/// <summary>
/// On Windows the runtime's diagnostic endpoints are named pipes, not socket files: every .NET process listens on
/// <c>\\.\pipe\dotnet-diagnostic-PID</c>, and a diagnostic port (DOTNET_DiagnosticPorts, ReversedDiagnosticsServer)
/// is a pipe name. A pipe has no directory to keep others out and vanishes with the last handle to it, so Monitor's
/// ports get names nobody can guess in advance (and so cannot create first): <c>monitor-PID-RANDOM-wN</c>.
/// </summary>
public static class DiagnosticPipeNames
{
    /// <summary>Where the system lists every named pipe, as a directory.</summary>
    public const string PipeDirectory = @"\\.\pipe\";

    /// <summary>The runtime's default endpoint is this followed by the pid, nothing else.</summary>
    public const string DefaultPrefix = "dotnet-diagnostic-";

    /// <summary>The common part of one Monitor's port names: its pid and 64 random bits.</summary>
    public static string NewPortPrefix() =>
        $"{OrphanCleanup.PrivateDirectoryPrefix}{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";

    /// <summary>Port number <paramref name="n"/> under <paramref name="prefix"/>.</summary>
    public static string Port(string prefix, int n) => $"{prefix}-w{n}";

    /// <summary>The pid of a default endpoint's pipe name (<c>dotnet-diagnostic-1234</c>); null for any other name.</summary>
    public static int? PidOfDefault(ReadOnlySpan<char> pipeName)
    {
        if (!pipeName.StartsWith(DefaultPrefix, StringComparison.Ordinal)) return null;
        var digits = pipeName[DefaultPrefix.Length..];
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0 ? pid : null;
    }
}

using System.CommandLine;
using Monitor.Model;

namespace Monitor.Cli.Commands;

/// <summary>`--diagnostics`: how much Monitor observes (none: to measure what observing costs).</summary>
public static class DiagnosticsOption
{
    public static DefaultedOption<DiagnosticsLevel> Create() => TypedOption.Word("--diagnostics", "diagnostics level", DiagnosticsLevel.Full,
        "full = EventPipe + OS sampler, os = OS sampler only, none = nothing");
}

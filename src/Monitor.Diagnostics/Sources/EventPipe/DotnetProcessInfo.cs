namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>A .NET process that can be attached to, as `monitor ps` lists it.</summary>
public sealed record DotnetProcessInfo(int Pid, string Name, string CommandLine);

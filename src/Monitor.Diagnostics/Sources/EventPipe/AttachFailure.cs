namespace Monitor.Diagnostics.Sources.EventPipe;

/// <summary>Why <c>monitor attach PID</c> could not watch a process.</summary>
public enum AttachFailure
{
    ProcessNotFound,
    /// <summary>No diagnostic socket: not a .NET process, or one started with DOTNET_EnableDiagnostics=0.</summary>
    NotDotnet,
    PermissionDenied,
    /// <summary>A .NET process that did not answer or refused the session.</summary>
    SessionFailed,
}

using System.Runtime.InteropServices;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace Monitor.Tui;

/// <summary>
/// Ctrl+Z, SIGTSTP and SIGCONT as full-screen programs handle them (htop, vim): suspending gives the shell back its
/// terminal (cooked mode, the normal screen, no mouse reports) and stops the job; continuing takes the terminal back
/// (raw mode, the alternate screen) and redraws everything. Without this, .NET's own SIGCONT handling put back the
/// terminal mode it had seen at start, and one SIGCONT (or Ctrl+Z and fg) left the dashboard in line mode: keys echoed
/// over it and q did nothing until Enter. Unix only; nothing without a terminal.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class TerminalSuspension : IDisposable
{
    private const int Stdin = 0;
    private const int SetNow = 0; // TCSANOW
    private const int SigTstp = 20; // Linux (x86-64 and arm64)

    // struct termios is treated as an opaque blob: saved and put back whole, never read field by field.
    private const int TermiosBytes = 256;

    private readonly IApplication _app;
    private readonly Action<Action> _onUiLoop;
    private readonly bool _mouse;
    private readonly Action _redraw;
    private readonly byte[] _shell;
    private byte[] _raw;
    private PosixSignalRegistration? _tstp;
    private PosixSignalRegistration? _cont;
    private bool _suspending;

    private TerminalSuspension(IApplication app, Action<Action> onUiLoop, bool mouse, Action redraw, byte[] shell, byte[] raw)
    {
        _app = app;
        _onUiLoop = onUiLoop;
        _mouse = mouse;
        _redraw = redraw;
        _shell = shell;
        _raw = raw;
    }

    /// <summary>The terminal's mode now (call before the UI takes the terminal over); null without a terminal.</summary>
    public static byte[]? ShellMode() => Get();

    /// <summary>Starts handling Ctrl+Z, SIGTSTP and SIGCONT for <paramref name="app"/>, once it has put the terminal in
    /// raw mode; null where there is nothing to handle (no terminal, Windows).</summary>
    /// <param name="onUiLoop">runs an action on the UI loop (signals arrive on another thread).</param>
    /// <param name="redraw">marks every view to be laid out and drawn again.</param>
    public static TerminalSuspension? Install(IApplication app, Action<Action> onUiLoop, bool mouse, Action redraw, byte[]? shellMode)
    {
        if (shellMode is null || Get() is not { } raw) return null;
        var suspension = new TerminalSuspension(app, onUiLoop, mouse, redraw, shellMode, raw);
        suspension._tstp = suspension.RegisterStop();
        suspension._cont = PosixSignalRegistration.Create(PosixSignal.SIGCONT, context =>
        {
            // Cancelled: .NET would otherwise restore the terminal mode it saw at start (cooked) after we take it back.
            context.Cancel = true;
            onUiLoop(suspension.Resume);
        });
        return suspension;
    }

    private PosixSignalRegistration RegisterStop() => PosixSignalRegistration.Create(PosixSignal.SIGTSTP, context =>
    {
        context.Cancel = true;
        _onUiLoop(Suspend);
    });

    /// <summary>On the UI loop: gives the terminal back to the shell and stops the job until it is continued (fg, or
    /// SIGCONT), then takes the terminal back and redraws.</summary>
    public void Suspend()
    {
        if (_suspending) return;
        _suspending = true;
        try
        {
            if (Get() is { } raw) _raw = raw;
            Write(EscSeqUtils.CSI_DisableMouseEvents + EscSeqUtils.CSI_ShowCursor + EscSeqUtils.CSI_RestoreCursorAndRestoreAltBufferWithBackscroll);
            Set(_shell);
            // SIGTSTP to the whole job (the workers too, as Ctrl+Z in a shell does), with its default action for this
            // process: the handler steps aside meanwhile. In an orphaned process group (no shell to resume it) the
            // kernel drops the signal and nothing stops: the UI just comes back.
            _tstp?.Dispose();
            _tstp = null;
            _ = kill(0, SigTstp);
            _tstp = RegisterStop();
        }
        finally
        {
            _suspending = false;
        }
        Resume();
    }

    /// <summary>On the UI loop: raw mode and the alternate screen again, and every view drawn anew (the screen was the
    /// shell's meanwhile). Harmless when nothing was suspended.</summary>
    public void Resume()
    {
        Set(_raw);
        Write(EscSeqUtils.CSI_SaveCursorAndActivateAltBufferNoBackscroll + EscSeqUtils.CSI_HideCursor + (_mouse ? EscSeqUtils.CSI_EnableMouseEvents : ""));
        _app.ClearScreenNextIteration = true;
        _redraw();
    }

    private void Write(string sequences)
    {
        try
        {
            _app.Driver?.WriteRaw(sequences);
            Console.Out.Flush();
        }
        catch (IOException)
        {
            // The terminal has gone (SIGHUP is on its way).
        }
    }

    public void Dispose()
    {
        _tstp?.Dispose();
        _cont?.Dispose();
    }

    private static byte[]? Get()
    {
        var termios = new byte[TermiosBytes];
        return tcgetattr(Stdin, termios) == 0 ? termios : null;
    }

    private static void Set(byte[] termios) => _ = tcsetattr(Stdin, SetNow, termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcgetattr(int fd, byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcsetattr(int fd, int optionalActions, byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}

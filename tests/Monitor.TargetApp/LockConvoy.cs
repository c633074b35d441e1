using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Monitor.TargetApp;

/// <summary>Three named threads, "convoy-1".."convoy-3", take one lock in <see cref="TakeTheGate"/> and hold it
/// while spinning ~20 ms in <see cref="HoldTheGate"/>: a convoy. The wait site is TakeTheGate; whoever owns the lock
/// is in HoldTheGate.</summary>
public sealed class LockConvoy : IScenario
{
    private static readonly object Gate = new();
    public static long Rounds;

    public Task StartAsync()
    {
        for (int i = 1; i <= 3; i++)
        {
            new Thread(Loop) { Name = $"convoy-{i}", IsBackground = true }.Start();
        }
        return Task.CompletedTask;
    }

    private static void Loop()
    {
        while (true) TakeTheGate();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void TakeTheGate()
    {
        lock (Gate)
        {
            HoldTheGate();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void HoldTheGate()
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 20) Rounds++;
    }
}

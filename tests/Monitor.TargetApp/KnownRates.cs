using System.Diagnostics;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Monitor.TargetApp;

/// <summary>The runtime's figures at rates the test knows: one thread, "rates-pacer", keeps up with the clock (work
/// that fell behind is caught up, so the totals follow elapsed time) throwing and catching
/// <see cref="ExceptionsPerSec"/> exceptions, allocating <see cref="AllocBytesPerSec"/> in arrays too small for the
/// large object heap, queueing <see cref="WorkItemsPerSec"/> empty work items to the thread pool and compiling
/// <see cref="MethodsPerSec"/> new dynamic methods a second; it holds <see cref="LargeBytes"/> on the large object
/// heap and <see cref="PinnedBytes"/> on the pinned object heap. tests/Monitor.Tests/Attach/RuntimeFigureTests.cs
/// repeats these numbers.</summary>
public sealed class KnownRates : IScenario
{
    public const int ExceptionsPerSec = 200;
    public const int AllocBytesPerSec = 32 << 20;
    public const int WorkItemsPerSec = 100;
    public const int MethodsPerSec = 20;
    public const int LargeBytes = 64 << 20;
    public const int PinnedBytes = 8 << 20;
    private const int ChunkBytes = 16 << 10;

    private static byte[]? _large;
    private static byte[]? _pinned;
    public static long Sink;

    public Task StartAsync()
    {
        _large = new byte[LargeBytes];
        _pinned = GC.AllocateArray<byte>(PinnedBytes, pinned: true);
        // The runtime's generation sizes are as of the last GC: one now shows the held arrays from the first report.
        GC.Collect();
        new Thread(Pace) { Name = "rates-pacer", IsBackground = true }.Start();
        return Task.CompletedTask;
    }

    private static void Pace()
    {
        var clock = Stopwatch.StartNew();
        long thrown = 0, allocated = 0, queued = 0, compiled = 0;
        while (true)
        {
            double seconds = clock.Elapsed.TotalSeconds;
            for (; thrown < seconds * ExceptionsPerSec; thrown++) ThrowAndCatch();
            for (; allocated < seconds * AllocBytesPerSec; allocated += ChunkBytes) Sink += new byte[ChunkBytes].Length;
            for (; queued < seconds * WorkItemsPerSec; queued++) ThreadPool.UnsafeQueueUserWorkItem(_ => { }, null);
            for (; compiled < seconds * MethodsPerSec; compiled++) Sink += CompileOne((int)compiled);
            Thread.Sleep(10);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowAndCatch()
    {
        try
        {
            throw new InvalidOperationException("counted");
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>A method that did not exist before, compiled by its first call.</summary>
    private static int CompileOne(int n)
    {
        var method = new DynamicMethod($"generated{n}", typeof(int), Type.EmptyTypes);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldc_I4, n);
        il.Emit(OpCodes.Ret);
        return ((Func<int>)method.CreateDelegate(typeof(Func<int>)))();
    }
}

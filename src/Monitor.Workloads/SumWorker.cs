using System.Diagnostics;
using Monitor.Model;

namespace Monitor.Workloads;

/// <summary>
/// One worker thread's job: add its range chunk by chunk, publish progress about every 100 ms, and in gil mode
/// compute only while holding the global lock.
/// </summary>
public sealed class SumWorker
{
    /// <summary>Worker threads are named this plus their index, so the OS (comm) and every tool show which is which.</summary>
    public const string ThreadNamePrefix = "sum-worker-";

    private static readonly long ProgressTicks = Stopwatch.Frequency / 10;

    private readonly int _index;
    private readonly SumRange _range;
    private readonly WorkerOptions _options;
    private readonly GlobalInterpreterLock? _gil;
    private long _iterations;

    public SumWorker(int index, SumRange range, WorkerOptions options, GlobalInterpreterLock? gil)
    {
        if (options.Gil && gil is null) throw new ArgumentException("gil mode needs the shared lock", nameof(gil));
        _index = index;
        _range = range;
        _options = options;
        _gil = gil;
    }

    public int Index => _index;
    public SumRange Range => _range;

    /// <summary>Iterations done so far; safe to read from any thread.</summary>
    public long Iterations => Volatile.Read(ref _iterations);

    public Int128 Total { get; private set; }

    /// <summary>Called on the worker thread about every 100 ms with the iterations done so far.</summary>
    public Action<SumWorker>? ProgressChanged { get; init; }

    public Int128 Run(CancellationToken cancel = default)
    {
        SumEventSource.Log.WorkerStarted(_index, _range.Start, _range.End);
        Total = _options.Gil && _options.SwitchMs == 0 ? RunConvoy(cancel) : RunChunked(cancel);
        Publish();
        SumEventSource.Log.WorkerFinished(_index, Total.ToString());
        return Total;
    }

    private Int128 RunChunked(CancellationToken cancel)
    {
        long chunk = _options.Work == WorkKind.Io
            ? SumKernel.SafeChunk(_range.End, IoProfile.IterationsPerWait)
            : SumKernel.SafeChunk(_range.End);
        Int128 total = Int128.Zero;
        long nextReport = Stopwatch.GetTimestamp() + ProgressTicks;
        _gil?.Acquire();
        try
        {
            for (long a = _range.Start; a < _range.End && !cancel.IsCancellationRequested;)
            {
                long b = Math.Min(_range.End, a + chunk);
                total += SumKernel.SumChunk(a, b);
                Volatile.Write(ref _iterations, b - _range.Start);
                a = b;

                if (_options.Work == WorkKind.Io) BlockOnIo();
                else if (_gil is not null && _gil.SwitchRequested) _gil.Switch();

                if (Stopwatch.GetTimestamp() >= nextReport)
                {
                    Publish();
                    nextReport = Stopwatch.GetTimestamp() + ProgressTicks;
                }
            }
        }
        finally
        {
            if (_gil is not null && _gil.IsHeldByCurrentThread) _gil.Release();
        }
        return total;
    }

    /// <summary>Like CPython around a blocking call: the GIL is released while the thread waits.</summary>
    private void BlockOnIo()
    {
        _gil?.Release();
        Thread.Sleep(IoProfile.Wait);
        _gil?.Acquire();
    }

    /// <summary>The contended extreme (--switch-ms 0): the lock is taken around every block of iterations.</summary>
    private Int128 RunConvoy(CancellationToken cancel)
    {
        long block = Math.Min(_options.LockBlock, SumKernel.SafeChunk(_range.End));
        Int128 total = Int128.Zero;
        long nextReport = Stopwatch.GetTimestamp() + ProgressTicks;
        int blocksSinceCheck = 0;
        long sinceIo = 0;
        long a = _range.Start;
        while (a < _range.End)
        {
            long b = Math.Min(_range.End, a + block);
            _gil!.Acquire();
            try
            {
                total += SumKernel.SumChunk(a, b);
            }
            finally
            {
                _gil.Release();
            }
            sinceIo += b - a;
            a = b;
            if (_options.Work == WorkKind.Io && sinceIo >= IoProfile.IterationsPerWait)
            {
                sinceIo = 0;
                Thread.Sleep(IoProfile.Wait);
            }
            // Reading the clock costs about as much as a block of additions: look at it every 256 blocks.
            if (++blocksSinceCheck == 256)
            {
                blocksSinceCheck = 0;
                Volatile.Write(ref _iterations, b - _range.Start);
                if (cancel.IsCancellationRequested) break;
                if (Stopwatch.GetTimestamp() >= nextReport)
                {
                    Publish();
                    nextReport = Stopwatch.GetTimestamp() + ProgressTicks;
                }
            }
        }
        Volatile.Write(ref _iterations, a - _range.Start);
        return total;
    }

    private void Publish()
    {
        long done = Volatile.Read(ref _iterations);
        SumEventSource.Log.Progress(_index, done);
        ProgressChanged?.Invoke(this);
    }
}

using System.Diagnostics;
using System.Text.Json;
using Monitor.Diagnostics.Sources.OsThreads;
using Monitor.Recording.Bundles;
using Monitor.Model;

namespace Monitor.Recording;

/// <summary>
/// Writes one trace bundle while a session runs: a .nettrace per observed .NET process (the bytes the live session
/// parses, through the observer's copy tap), the OS sampler's raw readings, every snapshot, and a manifest written
/// last. <see cref="Start"/> and <see cref="Stop"/> may come at any time (the TUI's record key): a process attached
/// while no recorder ran has no .nettrace. A failed write (disk full) stops the whole recording and leaves the bundle
/// marked incomplete; what is observed live goes on. Every member is safe to call from any thread.
/// </summary>
public sealed class TraceRecorder
{
    private readonly object _gate = new();
    private readonly BundleManifest _header;
    private readonly List<RecordedProcessStream> _processes = new();
    private readonly List<(object Key, BundleRun Run)> _runs = new();
    private readonly long _originTicks = Stopwatch.GetTimestamp();
    private readonly BundleDirectory _directory;
    private JsonLinesFile? _osSamples;
    private JsonLinesFile? _snapshots;
    private long _nettraceBytes;
    private string? _failure;
    private bool _stopped;

    private TraceRecorder(BundleDirectory directory, BundleManifest header)
    {
        _directory = directory;
        Directory = directory.Path;
        _header = header with { StartedAt = DateTimeOffset.Now, Complete = false };
    }

    /// <summary>Creates the bundle directory (new, 0700, never through a symlink) and starts recording into it, every
    /// file relative to the directory opened at its creation. Throws <see cref="IOException"/> or
    /// <see cref="UnauthorizedAccessException"/> when the bundle cannot be created where asked, and
    /// <see cref="RecordingFailedException"/> when the disk is full; either way nothing it created is left.</summary>
    /// <param name="header">What is known at the start: version, command line, workload, machine.</param>
    public static TraceRecorder Start(string directory, BundleManifest header)
    {
        var created = BundleDirectory.Create(directory);
        var recorder = new TraceRecorder(created, header);
        try
        {
            recorder._osSamples = new JsonLinesFile(created.CreateNew(BundleLayout.OsSamples));
            recorder._snapshots = new JsonLinesFile(created.CreateNew(BundleLayout.Snapshots));
            recorder.WritePartialManifest();
        }
        catch (Exception e)
        {
            recorder._osSamples?.Dispose();
            recorder._snapshots?.Dispose();
            // A bundle that could not even start is not a bundle: no empty files, no empty directory.
            foreach (var name in new[] { BundleLayout.OsSamples, BundleLayout.Snapshots, BundleLayout.PartialManifest, BundleLayout.PartialManifest + ".tmp" })
            {
                created.Delete(name);
            }
            created.DeleteIfEmpty();
            created.Dispose();
            if (OwnerOnlyFiles.IsNoSpace(e)) throw new RecordingFailedException($"cannot record into {created.Path}: {e.Message}", e);
            throw;
        }
        return recorder;
    }

    /// <summary>The bundle's directory, absolute.</summary>
    public string Directory { get; }

    /// <summary>Bytes written into the bundle so far, every file but the manifest; for the UI's indicator.</summary>
    public long BytesWritten => Interlocked.Read(ref _nettraceBytes) + (_osSamples?.Bytes ?? 0) + (_snapshots?.Bytes ?? 0);

    public bool IsRecording
    {
        get { lock (_gate) return !_stopped && _failure is null; }
    }

    /// <summary>Why recording stopped early, or null.</summary>
    public string? Failure
    {
        get { lock (_gate) return _failure; }
    }

    /// <summary>Raised once, on the thread whose write failed, when recording stops because of a failure.</summary>
    public event Action<string>? Failed;

    /// <summary>The observer's copy tap (<c>recordingFor</c>): a new .nettrace for a worker process.</summary>
    public Stream? StreamFor(int pid) => StreamFor(pid, "worker");

    /// <summary>A new .nettrace for <paramref name="pid"/>; null when not recording. Disposing the stream marks the
    /// process's session as ended.</summary>
    public Stream? StreamFor(int pid, string role)
    {
        lock (_gate)
        {
            if (_stopped || _failure is not null) return null;
        }
        string name = BundleLayout.NettraceOf(pid, role);
        FileStream file;
        try
        {
            // Unbuffered: each block read from the session goes to the OS at once, so a Monitor killed with SIGKILL loses
            // nothing it had already parsed.
            file = _directory.CreateNew(name, bufferSize: 0);
        }
        catch (Exception e)
        {
            Fail($"creating {name}: {e.Message}");
            return null;
        }
        var stream = new RecordedProcessStream(file, this, pid, role, name);
        lock (_gate) _processes.Add(stream);
        TryWritePartialManifest();
        return stream;
    }

    /// <summary>Adds the run <paramref name="key"/> to the manifest's runs, or replaces what it said of it (the run has
    /// ended). Nothing once recording stopped.</summary>
    public void Run(object key, BundleRun run)
    {
        lock (_gate)
        {
            if (_stopped) return;
            int i = _runs.FindIndex(r => ReferenceEquals(r.Key, key));
            if (i >= 0) _runs[i] = (key, run);
            else _runs.Add((key, run));
        }
        TryWritePartialManifest();
    }

    /// <summary>For <c>SnapshotAggregator.CountersRead</c>: one raw OS reading.</summary>
    public void WriteOsSample(ProcessCounters counters)
    {
        var file = Writable(_osSamples);
        if (file is null) return;
        double t = Stopwatch.GetElapsedTime(_originTicks).TotalSeconds;
        Guarded(BundleLayout.OsSamples, () => file.WriteLine(w => OsSampleJson.Write(w, t, DateTimeOffset.Now, counters)));
    }

    /// <summary>For the snapshot clock: one snapshot, exactly as `run --json` writes it.</summary>
    public void WriteSnapshot(Snapshot snapshot)
    {
        var file = Writable(_snapshots);
        if (file is null) return;
        Guarded(BundleLayout.Snapshots, () => file.WriteLine(w => SnapshotJson.Write(w, snapshot)));
    }

    /// <summary>Ends the recording: closes every file (a session still running is cut where it is) and writes
    /// manifest.json, complete only if nothing failed. Returns the manifest written (or that could not be written).</summary>
    /// <param name="result">The run's result line, when there was a run.</param>
    /// <param name="effectiveParallelism">Over the whole run, when known.</param>
    public BundleManifest Stop(JsonElement? result = null, double? effectiveParallelism = null)
    {
        RecordedProcessStream[] processes;
        lock (_gate)
        {
            _stopped = true;
            processes = _processes.ToArray();
        }
        foreach (var p in processes) p.Cut();
        _osSamples?.Dispose();
        _snapshots?.Dispose();
        // The files went into the directory opened at the start, whatever its path names now; a bundle that is no
        // longer where the user will look for it is not recorded "complete" there.
        if (_directory.Moved() is { } moved) Fail(moved);
        var manifest = Manifest(final: true, result, effectiveParallelism);
        try
        {
            _directory.WriteAtomically(BundleLayout.Manifest, ManifestJson.Serialize(manifest));
            _directory.Delete(BundleLayout.PartialManifest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail($"writing {BundleLayout.Manifest}: {e.Message}");
            return manifest with { Complete = false, Failure = Failure };
        }
        finally
        {
            _directory.Dispose();
        }
        return manifest;
    }

    internal void Wrote(int bytes) => Interlocked.Add(ref _nettraceBytes, bytes);

    internal void ProcessEnded(RecordedProcessStream process) => TryWritePartialManifest();

    /// <summary>Stops recording after a failed write; the files stay as they are, the manifest says why.</summary>
    internal void Fail(string reason)
    {
        RecordedProcessStream[] processes;
        lock (_gate)
        {
            if (_failure is not null) return;
            _failure = reason;
            processes = _processes.ToArray();
        }
        foreach (var p in processes) p.Cut();
        _osSamples?.Dispose();
        _snapshots?.Dispose();
        try
        {
            Failed?.Invoke(reason);
        }
        catch (Exception)
        {
            // A subscriber's failure must not break the session thread that reported the disk full.
        }
    }

    private JsonLinesFile? Writable(JsonLinesFile? file)
    {
        lock (_gate) return _stopped || _failure is not null ? null : file;
    }

    private void Guarded(string name, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            Fail($"writing {name}: {e.Message}");
        }
    }

    private void TryWritePartialManifest()
    {
        lock (_gate)
        {
            if (_stopped || _failure is not null) return;
        }
        Guarded(BundleLayout.PartialManifest, WritePartialManifest);
    }

    private void WritePartialManifest()
    {
        // Serialized under the gate: two sessions ending at once must not interleave their temporary files.
        lock (_gate)
        {
            _directory.WriteAtomically(BundleLayout.PartialManifest, ManifestJson.Serialize(Manifest(final: false, null, null)));
        }
    }

    private BundleManifest Manifest(bool final, JsonElement? result, double? effectiveParallelism)
    {
        RecordedProcessStream[] processes;
        BundleRun[] runs;
        string? failure;
        lock (_gate)
        {
            processes = _processes.ToArray();
            runs = _runs.Select(r => r.Run).ToArray();
            failure = _failure;
        }
        var machine = _header.Machine;
        if (machine is not null && effectiveParallelism is not null) machine = machine with { EffectiveParallelism = effectiveParallelism };
        return _header with
        {
            EndedAt = final ? DateTimeOffset.Now : null,
            Machine = machine,
            Processes = processes.Select(p => new RecordedProcess(p.Pid, p.Role, p.StartedAt, p.EndedAt, p.FileName, p.Bytes, p.EndedWithSession)).ToArray(),
            OsSamplesBytes = _osSamples?.Bytes,
            SnapshotsBytes = _snapshots?.Bytes,
            SnapshotCount = _snapshots?.Lines,
            Result = result,
            Runs = runs,
            Failure = failure,
            Complete = final && failure is null,
        };
    }
}

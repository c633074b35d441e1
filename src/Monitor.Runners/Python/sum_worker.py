"""Monitor's Python worker: the seed's experiment, standard library only.

Sums the integers [start, end) with a plain loop, as one thread, as K threading.Thread workers (which share
CPython's GIL), or as K multiprocessing.Process workers that send their partial totals back through a Queue.
It speaks Monitor's worker protocol on stdout: one JSON object per line (started / progress / finished / usage).
"""
import argparse
import glob
import json
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time

try:
    import resource
except ImportError:  # not on Windows
    resource = None

_print_lock = threading.Lock()

# The process whose death ends this one (--parent: Monitor; in a multiprocessing child: the worker). 0: none.
_parent = 0


def emit(**message):
    line = json.dumps(message, separators=(",", ":"))
    with _print_lock:
        try:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        except BrokenPipeError:
            reader_gone()


def reader_gone():
    """Nobody reads stdout any more: Monitor is gone or going. Without this the worker died of the broken pipe within
    a progress interval, before its watch thread noticed, and a SIGKILLed Monitor's socket stayed behind. The pipe
    breaks a moment before the kernel re-parents us: wait for that, then clean up and exit as the watch thread would."""
    if _parent:
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            exit_if_orphaned(_parent)
            time.sleep(0.02)
    os._exit(3)


def split(start, end, parts):
    length = end - start
    base, extra = divmod(length, parts)
    ranges, cursor = [], start
    for i in range(parts):
        nxt = cursor + base + (1 if i < extra else 0)
        ranges.append((cursor, nxt))
        cursor = nxt
    return ranges


# Integers per call of the kernel: about 2 ms here, so progress comes on time and the calls cost nothing.
CHUNK = 100_000

# Calibration runs the kernel this long before it starts measuring, then measures it in windows this long.
CALIBRATION_WARMUP_S = 0.05
CALIBRATION_WINDOW_S = 0.025


def add_range(a, b):
    """The kernel: adds a..b-1 with a plain loop, no closed form. The workers and calibration both call exactly this,
    so one thread's calibrated rate is the rate the workers compute at."""
    total = 0
    for i in range(a, b):
        total += i
    return total


def sum_range(worker, start, end, io_every, io_ms):
    """One worker: the kernel chunk by chunk over [start, end), progress about every 100 ms."""
    # atNs: CLOCK_MONOTONIC, as .NET's Stopwatch reads it: Monitor times the run by when this happened, not by when it
    # read the line.
    emit(type="started", worker=worker, pid=os.getpid(), tid=threading.get_native_id(), start=start, end=end,
         atNs=time.monotonic_ns())
    chunk = io_every if io_every > 0 else CHUNK
    total = 0
    done = 0
    next_report = time.monotonic() + 0.1
    a = start
    while a < end:
        b = min(end, a + chunk)
        total += add_range(a, b)
        done += b - a
        a = b
        if io_every > 0:
            time.sleep(io_ms / 1000.0)  # a real blocking wait: CPython releases the GIL here
        now = time.monotonic()
        if now >= next_report:
            # The thread's CPU time read with its iterations: their ratio is its own rate per CPU second.
            emit(type="progress", worker=worker, iterations=done, cpuMs=round(time.thread_time() * 1000.0, 3))
            next_report = now + 0.1
    return total, done, time.thread_time() * 1000.0


def usage():
    if resource is None:
        return
    ru = resource.getrusage(resource.RUSAGE_SELF)
    # ru_maxrss is in KiB on Linux.
    emit(type="usage", pid=os.getpid(), cpuMs=round((ru.ru_utime + ru.ru_stime) * 1000.0, 3),
         peakWorkingSetBytes=ru.ru_maxrss * 1024,
         userMs=round(ru.ru_utime * 1000.0, 3), systemMs=round(ru.ru_stime * 1000.0, 3), atNs=time.monotonic_ns())


def thread_main(worker, start, end, io_every, io_ms, results):
    results[worker] = sum_range(worker, start, end, io_every, io_ms)


def process_main(worker, start, end, io_every, io_ms, queue, parent):
    global _parent
    _parent = parent
    # A forked child inherits neither the watch thread nor the death signal: without them it would compute on (or stay
    # stopped) after its parent was gone.
    wake_when_parent_dies(parent)
    threading.Thread(target=watch_parent, args=(parent,), daemon=True).start()
    total, done, cpu_ms = sum_range(worker, start, end, io_every, io_ms)
    queue.put((worker, str(total), done, cpu_ms))
    usage()


def wake_when_parent_dies(parent):
    """A stopped worker (SIGSTOP, Ctrl+Z) runs no watch thread: when Monitor was then killed it stayed stopped for good.
    PR_SET_PDEATHSIG has the kernel send SIGCONT when the parent dies (stopped or not); the watch thread then cleans up
    and exits. SIGCONT rather than SIGKILL: the kernel also sends it when the parent *thread* that started us ends, which
    in Monitor can be a pool thread retiring while Monitor lives on (ParentWatchdog.cs says the same). Linux only; the
    parent may have died before the request took effect, so look once right after it."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGCONT), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # no prctl here: the watch thread still covers a worker that runs
    exit_if_orphaned(parent)


def watch_parent(parent):
    """Exit when Monitor is gone, even if it was killed and could not end us."""
    while True:
        time.sleep(0.5)
        exit_if_orphaned(parent)


def exit_if_orphaned(parent):
    """Monitor is gone: remove what it left behind and exit; otherwise return."""
    if os.getppid() != parent:
        remove_stale_sockets(parent)
        os._exit(3)


def alive(pid):
    """A killed Monitor stays a zombie (its /proc entry too) until it is reaped: that counts as dead."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except (FileNotFoundError, ProcessLookupError):
        return False  # gone, or reaped while its stat was read (ESRCH)
    except OSError:
        return True  # cannot tell: leave its sockets alone
    return stat[stat.rfind(")") + 2:][:1] not in ("Z", "X")


def remove_stale_sockets(pid):
    """Monitor was killed: the runtime could not remove its diagnostic socket and debugger pipes, named for a pid that
    no longer lives."""
    if not os.path.isdir("/proc"):
        return
    # We were re-parented, so Monitor is exiting; its /proc entry can still read as running for a moment (children are
    # re-parented before the zombie state is set) or fail to read while it is reaped. Give it up to 10 s to say so:
    # tearing down a killed Monitor took more than 2 s on a loaded machine, and its socket then stayed.
    deadline = time.monotonic() + 10.0
    while alive(pid):
        if time.monotonic() >= deadline:
            return
        time.sleep(0.05)
    # Its diagnostic socket and its debugger's two pipes (RuntimeIpcFiles in Monitor.Workloads).
    for pattern in (f"dotnet-diagnostic-{pid}-*-socket", f"clr-debug-pipe-{pid}-*-in", f"clr-debug-pipe-{pid}-*-out"):
        for path in glob.glob(os.path.join(tempfile.gettempdir(), pattern)):
            try:
                os.unlink(path)
            except OSError:
                pass  # a sibling removed it first


def calibrate(ms):
    """One thread's rate of the kernel, for N auto and as the unit of effective parallelism: add_range called chunk by
    chunk as a worker calls it, after a warm-up (a fresh interpreter's first calls run slower), for about ms.

    Reported per second of wall time (what the machine gave this thread just now) and per second of this thread's own
    CPU time, as the best of short windows: what one thread does while it runs undisturbed. At nice 10, anything else
    running takes wall time from calibration, and neighbours, migrations and the first fraction of a second of a busy
    process slow it per CPU second too (here up to 15% for a few hundred ms); a unit measured slow makes every
    effective parallelism read too high."""
    a = 0
    warm_until = time.perf_counter() + CALIBRATION_WARMUP_S
    while time.perf_counter() < warm_until:
        add_range(a, a + CHUNK)
        a += CHUNK
    began = time.perf_counter()
    deadline = began + ms / 1000.0
    done = 0
    best = 0.0
    cpu_total = 0.0
    while time.perf_counter() < deadline:
        window_done, window_end = 0, time.perf_counter() + CALIBRATION_WINDOW_S
        window_cpu = time.thread_time()
        while True:
            add_range(a, a + CHUNK)
            a += CHUNK
            window_done += CHUNK
            if time.perf_counter() >= window_end:
                break
        cpu = time.thread_time() - window_cpu
        if cpu > 0:
            best = max(best, window_done / cpu)
            cpu_total += cpu
        done += window_done
    wall = time.perf_counter() - began
    # Never a rate below the wall-clock one: a thread cannot compute longer than the time it was measured over.
    per_cpu = {"iterationsPerCpuSec": max(best, done / wall), "cpuShare": min(1.0, cpu_total / wall)} if best > 0 else {}
    emit(type="calibration", iterationsPerSec=done / wall, **per_cpu)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--calibrate", type=int, default=0)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--end", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--mode", choices=["threads", "processes"], default="threads")
    parser.add_argument("--io-every", type=int, default=0)
    parser.add_argument("--io-ms", type=float, default=1.0)
    parser.add_argument("--parent", type=int, default=0)
    args = parser.parse_args()
    global _parent
    _parent = args.parent
    # Ctrl+C and a closed terminal reach the whole process group: Monitor decides, ends us and calls the run
    # interrupted (the watch thread notices a Monitor that is gone). Forked children inherit this.
    for sig in (signal.SIGINT, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, signal.SIG_IGN)
    # Below Monitor's priority, as the .NET worker does (WorkerPriority.cs): the UI stays responsive under load.
    # Threads and forked children inherit it.
    try:
        os.nice(10)
    except (AttributeError, OSError):
        pass
    if args.calibrate > 0:
        # Watched like any worker: a Monitor killed while it calibrates leaves its diagnostic socket, and a calibration
        # is shorter than the watch thread's period, so it is checked once more after the result.
        if args.parent:
            wake_when_parent_dies(args.parent)
            threading.Thread(target=watch_parent, args=(args.parent,), daemon=True).start()
        # On a thread of its own, as every worker of a run computes (threading.Thread): on the 2-vCPU VM the same loop
        # ran ~17% slower on a fresh interpreter's main thread (44.7M/s against 53.5M/s on a thread, mean of 5, quiet),
        # which made one worker thread read as 1.2 threads. A broken pipe (Monitor gone) ends in reader_gone.
        thread = threading.Thread(target=calibrate, args=(args.calibrate,), name="sum-calibration")
        thread.start()
        thread.join()
        if args.parent:
            exit_if_orphaned(args.parent)
        return
    if args.workers < 1 or args.end < args.start:
        parser.error("need --workers >= 1 and --end >= --start")
    if args.parent:
        wake_when_parent_dies(args.parent)
        threading.Thread(target=watch_parent, args=(args.parent,), daemon=True).start()

    ranges = split(args.start, args.end, args.workers)
    if args.mode == "threads":
        results = {}
        threads = [threading.Thread(target=thread_main, name=f"sum-worker-{i}",
                                    args=(i, a, b, args.io_every, args.io_ms, results))
                   for i, (a, b) in enumerate(ranges)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for i in range(args.workers):
            total, done, cpu_ms = results[i]
            emit(type="finished", worker=i, iterations=done, sum=str(total), cpuMs=round(cpu_ms, 3))
    else:
        queue = multiprocessing.Queue()
        procs = [multiprocessing.Process(target=process_main, args=(i, a, b, args.io_every, args.io_ms, queue, os.getpid()))
                 for i, (a, b) in enumerate(ranges)]
        for p in procs:
            p.start()
        for _ in procs:
            worker, total, done, cpu_ms = queue.get()
            emit(type="finished", worker=worker, iterations=done, sum=total, cpuMs=round(cpu_ms, 3))
        for p in procs:
            p.join()
    usage()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Measures what observing a workload costs, Monitor beside the tools people use today.

  measure.py overhead  the same workload alone (monitor run --diagnostics none), under Monitor (--diagnostics full,
                       and --record when this build has it), under dotnet-counters monitor, under dotnet-trace collect
                       (default profile) and with htop watching; rounds alternate every arm, figures are medians.
  measure.py headless  `monitor run --json` watching 2 workers: its own CPU at steady state (the start-up is in
                       overhead's figures).
  measure.py threads   where the CPU goes: per-thread CPU of Monitor and of its worker's threads other than the two
                       computing ones over one threads x2 run, `--diagnostics none` and `full` alternated.
  measure.py tui       Monitor's terminal UI in a pseudo-terminal of 120x35 watching 2 workers: its own CPU and
                       memory, bytes written to the terminal per second at steady state, launch to first frame and to
                       first snapshot on screen.
  measure.py export    `monitor export --prometheus` watching K .NET processes (default 10, found by name as they
                       start): its CPU and memory at steady state, scraped like Prometheus does; each scrape's duration,
                       size and series count.

  measure.py stacks    what live stacks cost a service: the test target app's Kestrel scenario (its own 4 loopback
                       clients) alone, under `monitor attach` (no stacks), `monitor attach --stacks` (bursts) and
                       `dotnet-trace collect` (default profile: it samples stacks all the time); rounds alternate the
                       arms; per arm the service's CPU per request (the steady figure), requests/s and CPU, and
                       Monitor's or the tool's own CPU.

Both print a Markdown report on stdout and write their raw figures as JSON (--json PATH). Standard library only.
Called by run-all.sh, which builds Monitor and installs the anchor tools first. Nothing here asserts a time: it
reports, with the machine's load average beside every figure.
"""
import argparse
import fcntl
import json
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# The build `dotnet run --project src/Monitor.Cli -c Release` runs (ReadyToRun, see Monitor.Cli.csproj).
# MONITOR=/path/to/monitor measures another build (e.g. the IL one in bin/Release/net10.0) with the same harness.
MONITOR = os.environ.get("MONITOR") or os.path.join(ROOT, "src", "Monitor.Cli", "bin", "Release", "r2r", "monitor")
TICKS = os.sysconf("SC_CLK_TCK")
TOOLS = os.path.expanduser("~/.dotnet/tools")


# ---------------------------------------------------------------- /proc helpers

def cpu_ms(pid):
    """utime + stime of pid itself (not its children), in ms; None once it has gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000.0 / TICKS
    except (OSError, IndexError):
        return None


def status_kb(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def children(pid):
    """Children of every thread of pid (a child belongs to the thread that started it, not only to the main one)."""
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                found += [int(p) for p in f.read().split()]
        except OSError:
            pass
    return found


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().split(b"\0")
    except OSError:
        return []


def load1():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


class Watch:
    """Polls one process: its CPU (last value seen), peak RSS (VmHWM) and CPU at a marked moment."""

    def __init__(self, pid):
        self.pid = pid
        self.start = time.monotonic()
        self.cpu = cpu_ms(pid) or 0.0
        self.hwm_kb = 0
        self.rss_kb = 0
        self.marks = {}

    def poll(self):
        c = cpu_ms(self.pid)
        if c is None:
            return False
        self.cpu = c
        self.hwm_kb = max(self.hwm_kb, status_kb(self.pid, "VmHWM:") or 0)
        self.rss_kb = status_kb(self.pid, "VmRSS:") or self.rss_kb
        return True

    def mark(self, name):
        self.poll()
        self.marks[name] = (time.monotonic(), self.cpu)


# ---------------------------------------------------------------- pseudo-terminal

def spawn_pty(argv, cols=120, rows=35, env=None):
    pid, fd = pty.fork()
    if pid == 0:
        e = dict(os.environ)
        e["TERM"] = "xterm-256color"
        if env:
            e.update(env)
        try:
            os.execvpe(argv[0], argv, e)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


class PtyReader:
    """Drains a pty, answering the queries a real terminal answers (device attributes, cursor position), and keeps
    (time, bytes) of everything written to it."""

    def __init__(self, fd):
        self.fd = fd
        self.chunks = []
        self.closed = False

    def pump(self, seconds):
        # pump(0) drains what is there without waiting. A tool whose terminal is not drained blocks on its own
        # output, stops reading its EventPipe session, and the watched runtime then hangs at exit.
        end = time.monotonic() + seconds
        while not self.closed:
            left = max(0.0, end - time.monotonic())
            r, _, _ = select.select([self.fd], [], [], left)
            if not r:
                if time.monotonic() >= end:
                    return
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                self.closed = True
                return
            if not data:
                self.closed = True
                return
            self.chunks.append((time.monotonic(), data))
            try:
                if b"\x1b[0c" in data or b"\x1b[c" in data:
                    os.write(self.fd, b"\x1b[?62;22c")
                if b"\x1b[6n" in data:
                    os.write(self.fd, b"\x1b[1;1R")
            except OSError:
                pass

    def write(self, data):
        try:
            os.write(self.fd, data)
        except OSError:
            pass

    def bytes_between(self, t0, t1):
        return sum(len(b) for t, b in self.chunks if t0 <= t < t1)

    def first(self, pattern):
        """When the first byte of `pattern` was written (it may span chunks)."""
        stream = b"".join(b for _, b in self.chunks)
        at = stream.find(pattern)
        if at < 0:
            return None
        offset = 0
        for t, b in self.chunks:
            offset += len(b)
            if offset > at:
                return t
        return None


def end_process(pid, sig=signal.SIGINT, wait=5.0):
    """Sends sig, waits up to `wait` s, then SIGKILL; reaps it."""
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass
    end = time.monotonic() + wait
    while time.monotonic() < end:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return
        if done:
            return
        time.sleep(0.05)
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def figure_table(rows, runs, summary):
    """Markdown rows of (label, key, format): the median and every run's value."""
    return [f"| {label} | {fmt(summary[k], spec)} | {', '.join(fmt(r[k], spec.split(' ')[0]) for r in runs)} |"
            for label, k, spec in rows]


def write_json(path, runs, summary, load_start, load_end):
    if path:
        with open(path, "w") as f:
            json.dump({"runs": runs, "summary": summary, "loadStart": load_start, "loadEnd": load_end}, f, indent=1)


# ---------------------------------------------------------------- the overhead matrix

def has_record():
    out = subprocess.run([MONITOR, "run", "--help"], capture_output=True, text=True).stdout
    return "--record" in out


def workload_args(kind, n):
    if kind == "gil":
        return ["--mode", "gil", "--switch-ms", "0", "--workers", "2", "--n", str(n)]
    return ["--mode", "threads", "--workers", "2", "--n", str(n)]


def find_worker(monitor_pid, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for c in children(monitor_pid):
            args = cmdline(c)
            if b"worker" in args and b"--calibrate" not in args:
                return c
        time.sleep(0.01)
    return None


def tool_argv(arm, worker_pid, trace_path):
    if arm == "dotnet-counters":
        return [os.path.join(TOOLS, "dotnet-counters"), "monitor", "-p", str(worker_pid), "--refresh-interval", "1"]
    if arm == "dotnet-trace":
        return [os.path.join(TOOLS, "dotnet-trace"), "collect", "-p", str(worker_pid), "-o", trace_path]
    if arm == "dotnet-trace-contention":
        # The contention-heavy anchor: the runtime's contention events only, as Monitor records them.
        return [os.path.join(TOOLS, "dotnet-trace"), "collect", "-p", str(worker_pid), "--clrevents", "contention",
                "-o", trace_path]
    if arm == "htop":
        return ["htop", "-d", "10"]
    raise ValueError(arm)


def run_arm(kind, n, arm, interval_ms, tmp):
    """One run of the workload under one arm; returns its figures."""
    diagnostics = "full" if arm in ("monitor", "monitor --record") else "none"
    argv = [MONITOR, "run", "--json", "--diagnostics", diagnostics, "--interval", str(interval_ms)] + workload_args(kind, n)
    record_path = os.path.join(tmp, "monitor-record")
    if arm == "monitor --record":
        argv += ["--record", record_path]
    trace_path = os.path.join(tmp, "trace.nettrace")
    for p in (trace_path,):
        if os.path.exists(p):
            os.remove(p)
    if os.path.isdir(record_path):
        shutil.rmtree(record_path)
    elif os.path.exists(record_path):
        os.remove(record_path)

    load_before = load1()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    mon = Watch(proc.pid)
    worker = find_worker(proc.pid)
    worker_seen = time.monotonic()
    mon.mark("worker")
    tool = None
    reader = None
    tool_watch = None
    tool_started = None
    if arm in ("dotnet-counters", "dotnet-trace", "dotnet-trace-contention", "htop") and worker:
        tpid, tfd = spawn_pty(tool_argv(arm, worker, trace_path))
        tool, reader = tpid, PtyReader(tfd)
        tool_watch = Watch(tpid)
        tool_started = time.monotonic()

    # Read the NDJSON on a non-blocking pipe while polling the processes.
    fd = proc.stdout.fileno()
    os.set_blocking(fd, False)
    buffer = b""
    result = None
    snapshots = 0
    while True:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            data = os.read(fd, 65536)
            if not data:
                break
            buffer += data
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                if b'"type":"result"' in line:
                    result = json.loads(line)
                    mon.mark("result")
                elif b'"type":"snapshot"' in line:
                    snapshots += 1
        mon.poll()
        if tool_watch:
            tool_watch.poll()
        if reader:
            reader.pump(0)
    proc.wait()
    ended = time.monotonic()

    figures = {
        "kind": kind, "arm": arm, "load1": load_before, "snapshots": snapshots,
        "elapsedMs": result and result.get("elapsedMs"), "correct": result and result.get("correct"),
        "contentionCount": result and result.get("contentionCount"),
    }
    if arm.startswith("monitor"):
        t_worker, c_worker = mon.marks.get("worker", (worker_seen, 0))
        t_result, c_result = mon.marks.get("result", (ended, mon.cpu))
        figures["monitorCpuPercent"] = 100.0 * (c_result - c_worker) / 1000.0 / max(1e-3, t_result - t_worker)
        figures["monitorCpuPercentWhole"] = 100.0 * c_result / 1000.0 / max(1e-3, t_result - started)
        figures["monitorRssMB"] = mon.hwm_kb / 1024.0
    if tool:
        if arm.startswith("dotnet-trace"):
            # dotnet-trace ends by itself once its target exits; give it the time to flush.
            reader.pump(0)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                tool_watch.poll()
                reader.pump(0.1)
                try:
                    if os.waitpid(tool, os.WNOHANG)[0]:
                        tool = None
                        break
                except ChildProcessError:
                    tool = None
                    break
        else:
            tool_watch.poll()
        if tool:
            tool_watch.poll()
            if arm == "htop":
                reader.write(b"q")
                reader.pump(0.3)
            end_process(tool, signal.SIGINT if arm != "htop" else signal.SIGTERM)
        os.close(reader.fd)
        life = max(1e-3, (ended - tool_started))
        figures["toolCpuPercent"] = 100.0 * tool_watch.cpu / 1000.0 / life
        figures["toolRssMB"] = tool_watch.hwm_kb / 1024.0
        figures["toolAttachedAfterS"] = tool_started - started
        if arm.startswith("dotnet-trace") and os.path.exists(trace_path):
            size = os.path.getsize(trace_path)
            figures["traceBytes"] = size
            figures["traceBytesPerSec"] = size / max(1e-3, (result or {}).get("elapsedMs", 1000) / 1000.0 - (tool_started - started))
            figures["traceContentions"] = contentions_in(trace_path)
    if arm == "monitor --record" and os.path.exists(record_path):
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(record_path) for f in fs) \
            if os.path.isdir(record_path) else os.path.getsize(record_path)
        figures["recordBytes"] = size
        figures["recordBytesPerSec"] = size / max(1e-3, (result or {}).get("elapsedMs", 1000) / 1000.0)
        figures["traceContentions"] = (result or {}).get("contentionCount")
    return figures


def contentions_in(trace_path):
    """The contentions a .nettrace holds, read back by `monitor analyze` (which reads any .nettrace)."""
    out = subprocess.run([MONITOR, "analyze", "--json", trace_path], capture_output=True, text=True)
    try:
        return json.loads(out.stdout).get("contentionCount")
    except ValueError:
        return None


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, spec="{:.1f}"):
    return "-" if v is None else spec.format(v)


def overhead(args):
    arms = ["none", "monitor"]
    if has_record():
        arms.append("monitor --record")
    anchors_missing = []
    for arm in args.anchors.split(","):
        if not arm:
            continue
        tool = "dotnet-trace" if arm.startswith("dotnet-trace") else arm
        exe = os.path.join(TOOLS, tool) if tool.startswith("dotnet-") else shutil.which(tool)
        if exe and os.path.exists(exe):
            arms.append(arm)
        else:
            anchors_missing.append(arm)
    kinds = {k: n for k, n in (("threads", args.n_threads), ("gil", args.n_gil)) if k in args.workloads.split(",")}
    runs = []
    tmp = tempfile.mkdtemp(prefix="monitor-bench-")
    load_start = loadavg()
    try:
        for r in range(args.rounds):
            for kind, n in kinds.items():
                # Rotate the order every round so that drifting load hits every arm alike.
                order = arms[r % len(arms):] + arms[:r % len(arms)]
                for arm in order:
                    f = run_arm(kind, n, arm, args.interval, tmp)
                    f["round"] = r
                    runs.append(f)
                    print(f"  round {r + 1}/{args.rounds} {kind:7} {arm:17} elapsed {fmt(f['elapsedMs'], '{:.0f}')} ms"
                          f"  load {f['load1']:.2f}", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    load_end = loadavg()

    out = []
    out.append(f"Load average (1/5/15 min) at start: {load_start}; at end: {load_end}. Rounds: {args.rounds}; "
               f"N: threads {args.n_threads:.3g}, gil {args.n_gil:.3g}; interval {args.interval} ms.")
    if anchors_missing:
        out.append(f"Not installed, left out: {', '.join(anchors_missing)}.")
    if "monitor --record" not in arms:
        out.append("`--record` does not exist in this build: its row is pending.")
    out.append("")
    out.append("| workload | observer | elapsed (median) | slowdown vs alone (median of per-round ratios) | observer's CPU, % of a core | observer's peak RSS | load (1 min, median) |")
    out.append("|---|---|---|---|---|---|---|")
    summary = {}
    for kind in kinds:
        for arm in arms:
            rs = [f for f in runs if f["kind"] == kind and f["arm"] == arm]
            ratios = []
            for f in rs:
                alone = [a for a in runs if a["kind"] == kind and a["arm"] == "none" and a["round"] == f["round"]]
                if alone and alone[0]["elapsedMs"] and f["elapsedMs"]:
                    ratios.append(f["elapsedMs"] / alone[0]["elapsedMs"] - 1)
            slow = med(ratios)
            cpu = med([f.get("monitorCpuPercent", f.get("toolCpuPercent")) for f in rs])
            cpu_whole = med([f.get("monitorCpuPercentWhole") for f in rs])
            rss = med([f.get("monitorRssMB", f.get("toolRssMB")) for f in rs])
            el = med([f["elapsedMs"] for f in rs])
            ld = med([f["load1"] for f in rs])
            summary[f"{kind}/{arm}"] = {"elapsedMs": el, "slowdown": slow, "cpuPercent": cpu, "cpuPercentWhole": cpu_whole,
                                        "rssMB": rss, "load1": ld, "ratios": ratios,
                                        "traceBytesPerSec": med([f.get("traceBytesPerSec") for f in rs]),
                                        "bytesPerContention": med([(f.get("recordBytes") or f.get("traceBytes")) / f["traceContentions"]
                                                                   for f in rs if f.get("traceContentions")]),
                                        "contentionsPerSec": med([f["traceContentions"] / (f["elapsedMs"] / 1000.0)
                                                                  for f in rs if f.get("traceContentions") and f.get("elapsedMs")]),
                                        "recordBytesPerSec": med([f.get("recordBytesPerSec") for f in rs])}
            name = {"none": "alone (`run --diagnostics none`)", "monitor": "Monitor (`run --json --diagnostics full`)",
                    "monitor --record": "Monitor `--record`", "dotnet-counters": "`dotnet-counters monitor` (1 s)",
                    "dotnet-trace": "`dotnet-trace collect` (default profile)",
                    "dotnet-trace-contention": "`dotnet-trace collect --clrevents contention`",
                    "htop": "`htop -d 10` (1 s)"}[arm]
            cpu_text = "-" if arm == "none" else fmt(cpu, "{:.2f}") + (f" ({fmt(cpu_whole, '{:.2f}')} incl. calibration)" if cpu_whole else "")
            out.append(f"| {kind} | {name} | {fmt(el, '{:.0f}')} ms | "
                       f"{'-' if arm == 'none' else fmt(None if slow is None else 100 * slow, '{:+.1f} %')} "
                       f"({', '.join('{:+.1f}'.format(100 * x) for x in ratios) if arm != 'none' else ''}) | "
                       f"{cpu_text} | {'-' if arm == 'none' else fmt(rss, '{:.0f} MB')} | {fmt(ld, '{:.2f}')} |")
    out.append("")
    out.append("Recording size (file bytes per second of the run; bytes per contention read back from the file):")
    out.append("")
    out.append("| workload | recorder | KB/s | contentions/s | bytes per contention |")
    out.append("|---|---|---|---|---|")
    for kind in kinds:
        for arm, field in (("monitor --record", "recordBytesPerSec"), ("dotnet-trace", "traceBytesPerSec"),
                           ("dotnet-trace-contention", "traceBytesPerSec")):
            row = summary.get(f"{kind}/{arm}")
            if not row or row.get(field) is None:
                continue
            out.append(f"| {kind} | {arm} | {fmt(row[field] / 1024, '{:.0f}')} | {fmt(row.get('contentionsPerSec'), '{:.0f}')} | "
                       f"{fmt(row.get('bytesPerContention'), '{:.0f}')} |")
    report = "\n".join(out)
    print(report)
    write_json(args.json, runs, summary, load_start, load_end)


# ---------------------------------------------------------------- the TUI

def tui_once(n, seconds, interval_ms, warm):
    load_before = load1()
    t0 = time.monotonic()
    pid, fd = spawn_pty([MONITOR, "tui", "--mode", "threads", "--workers", "2", "--n", str(n), "--interval", str(interval_ms)])
    reader = PtyReader(fd)
    watch = Watch(pid)
    # Until the first snapshot is on screen (pumped finely so the times are exact), then 2 s more before the steady
    # state is measured: start-up (JIT, first layout) is not what an hour of watching costs.
    deadline = t0 + 15
    while time.monotonic() < deadline and not reader.closed and reader.first(b"sum-worker") is None:
        reader.pump(0.02)
        watch.poll()
    first_seen = time.monotonic()
    watch.mark("first")
    reader.pump(10.0)
    watch.mark("first10")
    # Tiered compilation re-compiles the drawing code over the first ~40 s (methods called once a second reach the
    # 30-call threshold late): what an hour of watching costs is measured after that.
    while time.monotonic() - first_seen < warm and not reader.closed:
        reader.pump(0.5)
        watch.poll()
    steady_from = time.monotonic()
    watch.mark("steady")
    while time.monotonic() - steady_from < seconds and not reader.closed:
        reader.pump(0.5)
        watch.poll()
    watch.mark("end")
    steady_to = time.monotonic()
    rss_now = watch.rss_kb
    reader.write(b"q")
    reader.pump(1.0)
    end_process(pid, signal.SIGTERM, 5.0)
    os.close(fd)

    # The header's first line ("mode threads ...") is the first thing the dashboard draws.
    first_frame = reader.first(b"mode threads")
    # Worker threads are named sum-worker-N by the workload itself; their rows appear with the first snapshot.
    first_snapshot = reader.first(b"sum-worker")
    (ts, cs), (te, ce) = watch.marks["steady"], watch.marks["end"]
    (tf, cf), (tf10, cf10) = watch.marks["first"], watch.marks["first10"]
    return {
        "load1": load_before,
        "firstFrameS": None if first_frame is None else first_frame - t0,
        "firstSnapshotS": None if first_snapshot is None else first_snapshot - t0,
        "cpuPercent": 100.0 * (ce - cs) / 1000.0 / max(1e-3, te - ts),
        "cpuPercentFirst10s": 100.0 * (cf10 - cf) / 1000.0 / max(1e-3, tf10 - tf),
        "rssMB": rss_now / 1024.0,
        "peakRssMB": watch.hwm_kb / 1024.0,
        "bytesPerSec": reader.bytes_between(steady_from, steady_to) / max(1e-3, steady_to - steady_from),
        "steadySeconds": steady_to - steady_from,
    }


def tui(args):
    load_start = loadavg()
    runs = []
    for i in range(args.repeat):
        f = tui_once(args.n, args.seconds, args.interval, args.warm)
        runs.append(f)
        print(f"  tui {i + 1}/{args.repeat}: first frame {fmt(f['firstFrameS'], '{:.2f}')} s, first snapshot "
              f"{fmt(f['firstSnapshotS'], '{:.2f}')} s, CPU {f['cpuPercent']:.2f} %, RSS {f['rssMB']:.0f} MB, "
              f"{f['bytesPerSec']:.0f} B/s, load {f['load1']:.2f}", file=sys.stderr, flush=True)
    load_end = loadavg()
    keys = ["firstFrameS", "firstSnapshotS", "cpuPercent", "cpuPercentFirst10s", "rssMB", "peakRssMB", "bytesPerSec", "load1"]
    summary = {k: med([r[k] for r in runs]) for k in keys}
    out = [f"Load average (1/5/15 min) at start: {load_start}; at end: {load_end}. `monitor tui --mode threads --workers 2`, "
           f"pty 120x35, interval {args.interval} ms, steady state measured over {args.seconds} s from {args.warm} s after the first snapshot; "
           f"median of {args.repeat}.", "",
           "| figure | median | runs |", "|---|---|---|"]
    rows = [("launch -> first frame", "firstFrameS", "{:.2f} s"), ("launch -> first snapshot on screen", "firstSnapshotS", "{:.2f} s"),
            ("Monitor's CPU (steady state)", "cpuPercent", "{:.2f} % of a core"),
            ("Monitor's CPU, first 10 s after the first snapshot (JIT warm-up)", "cpuPercentFirst10s", "{:.2f} % of a core"), ("Monitor's resident memory", "rssMB", "{:.0f} MB"),
            ("Monitor's peak resident memory", "peakRssMB", "{:.0f} MB"), ("bytes to the terminal", "bytesPerSec", "{:.0f} B/s"),
            ("load average (1 min)", "load1", "{:.2f}")]
    out += figure_table(rows, runs, summary)
    report = "\n".join(out)
    print(report)
    write_json(args.json, runs, summary, load_start, load_end)


# ---------------------------------------------------------------- headless watching, steady state

def headless_once(n, seconds, interval_ms, warm):
    """`monitor run --json` watching 2 busy workers: its CPU over `seconds`, `warm` seconds after its first snapshot."""
    load_before = load1()
    proc = subprocess.Popen([MONITOR, "run", "--json", "--mode", "threads", "--workers", "2", "--n", str(n),
                             "--interval", str(interval_ms)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    watch = Watch(proc.pid)
    fd = proc.stdout.fileno()
    os.set_blocking(fd, False)
    first = None
    marks = {}
    t0 = time.monotonic()
    while proc.poll() is None:
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            data = os.read(fd, 65536)
            if first is None and b'"type":"snapshot"' in data:
                first = time.monotonic()
        watch.poll()
        now = time.monotonic()
        if first is not None and "steady" not in watch.marks and now - first >= warm:
            watch.mark("steady")
        if "steady" in watch.marks and now - watch.marks["steady"][0] >= seconds:
            watch.mark("end")
            break
        if now - t0 > warm + seconds + 60:
            break
    end_process(proc.pid, signal.SIGTERM, 10.0)
    if "end" not in watch.marks:
        return {"load1": load_before, "cpuPercent": None, "rssMB": None}
    (ts, cs), (te, ce) = watch.marks["steady"], watch.marks["end"]
    return {"load1": load_before, "cpuPercent": 100.0 * (ce - cs) / 1000.0 / max(1e-3, te - ts), "rssMB": watch.rss_kb / 1024.0}


def headless(args):
    load_start = loadavg()
    runs = []
    for i in range(args.repeat):
        f = headless_once(args.n, args.seconds, args.interval, args.warm)
        runs.append(f)
        print(f"  headless {i + 1}/{args.repeat}: CPU {fmt(f['cpuPercent'], '{:.2f}')} %, load {f['load1']:.2f}",
              file=sys.stderr, flush=True)
    load_end = loadavg()
    summary = {k: med([r[k] for r in runs]) for k in ("cpuPercent", "rssMB", "load1")}
    out = [f"Load average (1/5/15 min) at start: {load_start}; at end: {load_end}. `monitor run --json --mode threads "
           f"--workers 2`, interval {args.interval} ms, measured over {args.seconds} s from {args.warm} s after the first "
           f"snapshot; median of {args.repeat}.", "", "| figure | median | runs |", "|---|---|---|"]
    out += figure_table((("Monitor's CPU, steady state", "cpuPercent", "{:.2f} % of a core"),
                         ("Monitor's resident memory", "rssMB", "{:.0f} MB"), ("load average (1 min)", "load1", "{:.2f}")),
                        runs, summary)
    print("\n".join(out))
    write_json(args.json, runs, summary, load_start, load_end)


# ---------------------------------------------------------------- monitor export's own cost

def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scrape(url):
    """One scrape: (seconds it took, bytes, series = sample lines)."""
    import urllib.request
    t0 = time.monotonic()
    with urllib.request.urlopen(url, timeout=30) as r:
        body = r.read()
    took = time.monotonic() - t0
    series = sum(1 for line in body.split(b"\n") if line and not line.startswith(b"#"))
    return took, len(body), series, body


def export_once(k, busy, seconds, warm, interval_ms, every, work):
    """`monitor export --name` watching k .NET processes started under a name of their own (a link to Monitor's
    program), so that exactly those are watched on a shared machine; --all differs only in which processes it picks."""
    tmp = tempfile.mkdtemp(prefix="monitor-export-measure-")
    name = f"exp-measure-{os.getpid()}"[:15]
    link = os.path.join(tmp, name)
    os.symlink(MONITOR, link)
    targets = []
    for i in range(k):
        # The first `busy` compute (two threads behind one lock: CPU, contention, a lock series); the others wait at
        # their start gate (their stdin stays open): idle runtimes, like services between requests.
        targets.append(subprocess.Popen(
            [link, "worker", "--start", "0", "--end", "10000000000000", "--threads", "2", "--first-worker", "0", "--work", work,
             "--gil", "1", "--switch-ms", "5", "--lock-block", "1000", "--parent", str(os.getpid())],
            stdin=subprocess.DEVNULL if i < busy else subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    port = free_port()
    url = f"http://127.0.0.1:{port}/metrics"
    load_before = load1()
    proc = subprocess.Popen([MONITOR, "export", "--name", name, "--prometheus", f"127.0.0.1:{port}", "--interval", str(interval_ms)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    watch = Watch(proc.pid)
    result = {"load1": load_before, "processes": None, "cpuPercent": None, "rssMB": None, "hwmMB": None,
              "scrapeMs": None, "scrapeMaxMs": None, "scrapeKB": None, "series": None}
    try:
        t0 = time.monotonic()
        watched = 0
        while time.monotonic() - t0 < 120:
            time.sleep(1)
            watch.poll()
            try:
                body = scrape(url)[3]
            except OSError:
                continue
            watched = len({m for m in re.findall(rb'process_memory_usage_bytes\{[^}]*monitor_process_role="external"[^}]*process_pid="(\d+)"', body)})
            if watched >= k:
                break
        result["processes"] = watched
        time.sleep(warm)
        watch.mark("steady")
        scrapes = []
        next_scrape = time.monotonic()
        while time.monotonic() - watch.marks["steady"][0] < seconds:
            if time.monotonic() >= next_scrape:
                scrapes.append(scrape(url)[:3])
                next_scrape += every
            watch.poll()
            time.sleep(0.2)
        watch.mark("end")
        (ts, cs), (te, ce) = watch.marks["steady"], watch.marks["end"]
        result.update({
            "cpuPercent": 100.0 * (ce - cs) / 1000.0 / max(1e-3, te - ts),
            "rssMB": watch.rss_kb / 1024.0, "hwmMB": watch.hwm_kb / 1024.0,
            "scrapeMs": med([s[0] * 1000 for s in scrapes]), "scrapeMaxMs": max(s[0] * 1000 for s in scrapes),
            "scrapeKB": med([s[1] / 1024.0 for s in scrapes]), "series": med([s[2] for s in scrapes]),
        })
    finally:
        end_process(proc.pid, signal.SIGTERM, 10.0)
        for t in targets:
            t.kill()
            t.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    return result


def export(args):
    load_start = loadavg()
    runs = []
    for i in range(args.repeat):
        f = export_once(args.processes, args.busy, args.seconds, args.warm, args.interval, args.every, args.work)
        runs.append(f)
        print(f"  export {i + 1}/{args.repeat}: {f['processes']} processes, CPU {fmt(f['cpuPercent'], '{:.2f}')} %, "
              f"scrape {fmt(f['scrapeMs'])} ms, {fmt(f['series'], '{:.0f}')} series, load {f['load1']:.2f}", file=sys.stderr, flush=True)
    load_end = loadavg()
    keys = ("processes", "cpuPercent", "rssMB", "hwmMB", "scrapeMs", "scrapeMaxMs", "scrapeKB", "series", "load1")
    summary = {k: med([r[k] for r in runs if r[k] is not None]) if any(r[k] is not None for r in runs) else None for k in keys}
    out = [f"Load average (1/5/15 min) at start: {load_start}; at end: {load_end}. `monitor export --name NAME --prometheus "
           f"--interval {args.interval}` watching {args.processes} .NET processes (`monitor worker`: {args.busy} computing with "
           f"2 threads behind one lock, work {args.work}; the others idle at their start gate), scraped every {args.every} s, measured over {args.seconds} s from {args.warm} s after all "
           f"were watched; median of {args.repeat}.", "", "| figure | median | runs |", "|---|---|---|"]
    out += figure_table((("processes watched", "processes", "{:.0f}"),
                         ("Monitor's CPU, steady state (scrapes included)", "cpuPercent", "{:.2f} % of a core"),
                         ("Monitor's resident memory", "rssMB", "{:.0f} MB"), ("Monitor's peak resident memory", "hwmMB", "{:.0f} MB"),
                         ("scrape duration (median)", "scrapeMs", "{:.1f} ms"), ("scrape duration (slowest)", "scrapeMaxMs", "{:.1f} ms"),
                         ("scrape size", "scrapeKB", "{:.0f} KB"), ("series per scrape", "series", "{:.0f}"),
                         ("load average (1 min)", "load1", "{:.2f}")), runs, summary)
    print("\n".join(out))
    write_json(args.json, runs, summary, load_start, load_end)


# ---------------------------------------------------------------- where the CPU goes, thread by thread

def task_cpu(pid):
    """{tid: (name, utime+stime in ms)} of every thread of pid now."""
    found = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat", "rb") as f:
                raw = f.read()
        except OSError:
            continue
        name = raw[raw.index(b"(") + 1:raw.rindex(b")")].decode(errors="replace")
        fields = raw.rsplit(b")", 1)[1].split()
        found[tid] = (name, (int(fields[11]) + int(fields[12])) * 1000.0 / TICKS)
    return found


def thread_kind(name):
    """Threads grouped by what they are: the runtime names its own, the thread pool's workers share one name."""
    for prefix in (".NET Tiered Com", ".NET TP Worker", ".NET EventPipe", ".NET Sockets", ".NET Counter", ".NET Timer",
                   "EventPipe "):
        if name.startswith(prefix):
            return prefix.strip()
    return name


def threads_run(level, n, interval_ms):
    """One threads x2 run; each thread's CPU as last seen before the run ended (polled every 20 ms)."""
    argv = [MONITOR, "run", "--json", "--diagnostics", level, "--interval", str(interval_ms)] + workload_args("threads", n)
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    monitor, worker_threads, worker = {}, {}, None
    monitor_at_worker = monitor_while_worker = None
    while proc.poll() is None:
        monitor.update(task_cpu(proc.pid))
        if worker and os.path.exists(f"/proc/{worker}/task"):
            monitor_while_worker = sum(v for _, v in monitor.values()) - monitor_at_worker
        if worker is None:
            found = [c for c in children(proc.pid) if b"worker" in cmdline(c) and b"--calibrate" not in cmdline(c)]
            if found:
                worker = found[0]
                monitor_at_worker = sum(v for _, v in monitor.values())
        if worker:
            worker_threads.update(task_cpu(worker))
        time.sleep(0.02)
    out = proc.stdout.read().decode().splitlines()
    result = next((json.loads(l) for l in out if '"type":"result"' in l), {})
    computing = {str(t["tid"]) for t in result.get("workerThreads", [])}
    by_kind = lambda threads: {k: sum(v for name, v in threads.values() if thread_kind(name) == k)
                               for k in {thread_kind(name) for name, _ in threads.values()}}
    others = {tid: v for tid, v in worker_threads.items() if tid not in computing}
    return {
        "level": level, "load1": load1(), "elapsedMs": result.get("elapsedMs"), "startupMs": result.get("startupMs"),
        "monitorMs": sum(v for _, v in monitor.values()),
        "monitorAfterWorkerMs": None if monitor_at_worker is None else sum(v for _, v in monitor.values()) - monitor_at_worker,
        "monitorWhileWorkerMs": monitor_while_worker,
        "monitorThreads": by_kind(monitor), "workerOtherMs": sum(v for _, v in others.values()),
        "workerOtherThreads": by_kind(others),
    }


def threads(args):
    runs = []
    load_start = loadavg()
    for r in range(args.repeat):
        for level in (("none", "full") if r % 2 == 0 else ("full", "none")):
            f = threads_run(level, args.n, args.interval)
            f["round"] = r
            runs.append(f)
            print(f"  round {r + 1}/{args.repeat} {level:5} Monitor {f['monitorMs']:.0f} ms, worker's other threads "
                  f"{f['workerOtherMs']:.0f} ms, elapsed {fmt(f['elapsedMs'], '{:.0f}')} ms, load {f['load1']:.2f}",
                  file=sys.stderr, flush=True)
    load_end = loadavg()
    out = [f"Load average (1/5/15 min) at start: {load_start}; at end: {load_end}. threads x2, N {args.n:.3g}, "
           f"{args.repeat} runs per level alternated; CPU in ms over the whole run (utime+stime per thread from "
           f"/proc/<pid>/task/*/stat, last value before the run ended), median (every run).", ""]
    out.append("| diagnostics | process | threads | CPU, ms |")
    out.append("|---|---|---|---|")
    summary = {}
    for level in ("none", "full"):
        rs = [f for f in runs if f["level"] == level]
        rows = [("Monitor", "all", [f["monitorMs"] for f in rs]),
                ("Monitor", "after its worker started", [f["monitorAfterWorkerMs"] for f in rs]),
                ("Monitor", "while its worker ran", [f["monitorWhileWorkerMs"] for f in rs])]
        for kind in sorted({k for f in rs for k in f["monitorThreads"]}):
            rows.append(("Monitor", kind, [f["monitorThreads"].get(kind, 0) for f in rs]))
        rows.append(("worker", "all but the two computing", [f["workerOtherMs"] for f in rs]))
        for kind in sorted({k for f in rs for k in f["workerOtherThreads"]}):
            rows.append(("worker", kind, [f["workerOtherThreads"].get(kind, 0) for f in rs]))
        for process, what, values in rows:
            if not any(values):
                continue
            summary[f"{level}/{process}/{what}"] = med(values)
            out.append(f"| {level} | {process} | {what} | {fmt(med(values), '{:.0f}')} ({', '.join(fmt(v, '{:.0f}') for v in values)}) |")
    print("\n".join(out))
    write_json(args.json, runs, summary, load_start, load_end)


TARGET_APP = os.path.join(ROOT, "tests", "Monitor.TargetApp", "bin", "Release", "net10.0", "Monitor.TargetApp.dll")


def http_get(url):
    import urllib.request
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode()


def stacks_once(arm, seconds, warm, tmp):
    target = subprocess.Popen(["dotnet", TARGET_APP, "aspnet"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    observer = None
    try:
        url = None
        for line in target.stdout:
            if line.startswith("listening "):
                url = line.split()[1]
            if line.strip() == "ready":
                break
        time.sleep(warm)
        if arm == "monitor":
            observer = subprocess.Popen([MONITOR, "attach", str(target.pid), "--json"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elif arm == "monitor --stacks":
            observer = subprocess.Popen([MONITOR, "attach", str(target.pid), "--json", "--stacks"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elif arm == "dotnet-trace":
            observer = subprocess.Popen([os.path.join(TOOLS, "dotnet-trace"), "collect", "-p", str(target.pid), "-o", os.path.join(tmp, "t.nettrace")],
                                        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(3)  # the observer's start-up (and a first rundown) stays out of the window
        served0, cpu0, t0 = int(http_get(url + "/served")), cpu_ms(target.pid), time.monotonic()
        obs0 = cpu_ms(observer.pid) if observer else None
        time.sleep(seconds)
        served1, cpu1, t1 = int(http_get(url + "/served")), cpu_ms(target.pid), time.monotonic()
        obs1 = cpu_ms(observer.pid) if observer else None
        return {"arm": arm, "requestsPerSec": (served1 - served0) / (t1 - t0), "targetCpuPercent": (cpu1 - cpu0) / (t1 - t0) / 10,
                "cpuUsPerRequest": 1000.0 * (cpu1 - cpu0) / max(1, served1 - served0),
                "observerCpuPercent": None if obs0 is None else (obs1 - obs0) / (t1 - t0) / 10, "load1": load1()}
    finally:
        if observer:
            end_process(observer.pid)
        target.stdin.close()
        end_process(target.pid, signal.SIGTERM)


def stacks(args):
    if not os.path.exists(TARGET_APP):
        sys.exit(f"{TARGET_APP} is missing: dotnet build tests/Monitor.TargetApp -c Release (run-all.sh does)")
    arms = ["alone", "monitor", "monitor --stacks"]
    if os.path.exists(os.path.join(TOOLS, "dotnet-trace")):
        arms.append("dotnet-trace")
    runs = []
    tmp = tempfile.mkdtemp(prefix="monitor-bench-")
    load_start = loadavg()
    try:
        for r in range(args.rounds):
            order = arms[r % len(arms):] + arms[:r % len(arms)]
            for arm in order:
                f = stacks_once(arm, args.seconds, args.warm, tmp)
                f["round"] = r
                runs.append(f)
                print(f"  round {r + 1}/{args.rounds} {arm:17} {f['requestsPerSec']:.0f} req/s  {f['cpuUsPerRequest']:.1f} µs/req  target {f['targetCpuPercent']:.1f} %"
                      f"  load {f['load1']:.2f}", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    load_end = loadavg()
    out = [f"Load average (1/5/15 min) at start: {load_start}; at end: {load_end}. Rounds: {args.rounds}; "
           f"window {args.seconds:.0f} s per arm after {args.warm:.0f} s of warm-up and 3 s for the observer to start.", "",
           "The service's CPU per request is the steadier figure on a shared machine: requests/s follow the CPU the "
           "service gets, CPU per request what each request costs it (the sampling's pauses and the runtime's diagnostics "
           "threads included).", "",
           "| observer | service CPU per request (median) | change vs alone (median of per-round ratios) | requests/s (median) | service CPU, % of a core | observer CPU, % of a core | load (1 min) |",
           "|---|---|---|---|---|---|---|"]
    summary = {}
    for arm in arms:
        rs = [f for f in runs if f["arm"] == arm]
        ratios = []
        for f in rs:
            alone = [a for a in runs if a["arm"] == "alone" and a["round"] == f["round"]]
            if alone and alone[0]["cpuUsPerRequest"]:
                ratios.append(f["cpuUsPerRequest"] / alone[0]["cpuUsPerRequest"] - 1)
        row = {"requestsPerSec": med([f["requestsPerSec"] for f in rs]), "change": med(ratios), "ratios": ratios,
               "cpuUsPerRequest": med([f["cpuUsPerRequest"] for f in rs]),
               "targetCpuPercent": med([f["targetCpuPercent"] for f in rs]), "observerCpuPercent": med([f["observerCpuPercent"] for f in rs]),
               "load1": med([f["load1"] for f in rs])}
        summary[arm] = row
        name = {"alone": "alone", "monitor": "`monitor attach --json`", "monitor --stacks": "`monitor attach --json --stacks` (1 s bursts every 4 s)",
                "dotnet-trace": "`dotnet-trace collect` (default profile)"}[arm]
        out.append(f"| {name} | {fmt(row['cpuUsPerRequest'], '{:.1f} µs')} | "
                   f"{'-' if arm == 'alone' else fmt(None if row['change'] is None else 100 * row['change'], '{:+.1f} %')}"
                   f"{'' if arm == 'alone' else ' (' + ', '.join('{:+.1f}'.format(100 * x) for x in ratios) + ')'} | "
                   f"{fmt(row['requestsPerSec'], '{:.0f}')} | {fmt(row['targetCpuPercent'])} | {fmt(row['observerCpuPercent'])} | {fmt(row['load1'], '{:.2f}')} |")
    print("\n".join(out))
    write_json(args.json, runs, summary, load_start, load_end)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    o = sub.add_parser("overhead")
    o.add_argument("--rounds", type=int, default=5)
    o.add_argument("--n-threads", type=float, default=8e10, help="threads ×2: ~10 s on a quiet machine here")
    o.add_argument("--n-gil", type=float, default=2.5e10, help="gil --switch-ms 0 ×2: ~10 s on a quiet machine here")
    o.add_argument("--interval", type=int, default=1000)
    o.add_argument("--anchors", default="dotnet-counters,dotnet-trace,dotnet-trace-contention,htop")
    o.add_argument("--workloads", default="threads,gil", help="which of threads,gil to run")
    o.add_argument("--json")
    h = sub.add_parser("headless")
    h.add_argument("--repeat", type=int, default=3)
    h.add_argument("--seconds", type=float, default=20)
    h.add_argument("--warm", type=float, default=30)
    h.add_argument("--n", type=float, default=1.6e12, help="long enough to outlast the measurement (~100 s on a quiet machine here)")
    h.add_argument("--interval", type=int, default=1000)
    h.add_argument("--json")
    w = sub.add_parser("threads")
    w.add_argument("--repeat", type=int, default=3)
    w.add_argument("--n", type=float, default=4e10, help="threads x2: ~5 s on a quiet machine here")
    w.add_argument("--interval", type=int, default=1000)
    w.add_argument("--json")
    t = sub.add_parser("tui")
    t.add_argument("--repeat", type=int, default=3)
    t.add_argument("--seconds", type=float, default=20)
    t.add_argument("--warm", type=float, default=30, help="seconds after the first snapshot before the steady state")
    t.add_argument("--n", type=float, default=1.6e12, help="long enough to outlast the measurement (~100 s on a quiet machine here)")
    t.add_argument("--interval", type=int, default=1000)
    t.add_argument("--json")
    e = sub.add_parser("export")
    e.add_argument("--repeat", type=int, default=3)
    e.add_argument("--processes", type=int, default=10)
    e.add_argument("--seconds", type=float, default=60)
    e.add_argument("--warm", type=float, default=20, help="seconds after every process is watched before the steady state")
    e.add_argument("--every", type=float, default=15, help="seconds between scrapes (Prometheus's default interval)")
    e.add_argument("--busy", type=int, default=1, help="how many of them compute (2 threads behind one lock); the rest are idle")
    e.add_argument("--work", default="cpu", help="the busy targets' work: cpu or io")
    e.add_argument("--interval", type=int, default=1000)
    e.add_argument("--json")
    k = sub.add_parser("stacks")
    k.add_argument("--rounds", type=int, default=3)
    k.add_argument("--seconds", type=float, default=20)
    k.add_argument("--warm", type=float, default=10, help="seconds after the service is ready, before an observer starts")
    k.add_argument("--json")
    args = p.parse_args()
    if not os.path.exists(MONITOR):
        sys.exit(f"{MONITOR} is missing: build with dotnet build src/Monitor.Cli -c Release (run-all.sh does)")
    if args.command == "overhead":
        args.n_threads = int(args.n_threads)
        args.n_gil = int(args.n_gil)
        overhead(args)
    elif args.command == "stacks":
        stacks(args)
    elif args.command == "headless":
        args.n = int(args.n)
        headless(args)
    elif args.command == "export":
        export(args)
    elif args.command == "threads":
        args.n = int(args.n)
        threads(args)
    else:
        args.n = int(args.n)
        tui(args)


if __name__ == "__main__":
    main()

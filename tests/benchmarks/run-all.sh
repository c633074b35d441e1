#!/usr/bin/env bash
# Every performance figure of docs/performance.md in one command:
#
#   bash tests/benchmarks/run-all.sh           # the full set (~40 min on 2 vCPUs)
#   bash tests/benchmarks/run-all.sh --quick   # the same steps, short runs and one round (~4 min): a smoke test
#
# Builds Monitor (Release) and the BenchmarkDotNet project, installs what is missing of the anchor tools
# (dotnet-counters and dotnet-trace as dotnet global tools, htop from Debian packages), then runs
#   1. BenchmarkDotNet: one dashboard frame at 80x24 and 200x60 and with 500 threads at 120x35, one sampling +
#      aggregation of 64 threads;
#   2. measure.py overhead: the workload (threads and gil --switch-ms 0, 2 workers) alone, under Monitor, under
#      dotnet-counters monitor, under dotnet-trace collect and with htop watching, alternated round by round, with
#      the build the README's `dotnet run -c Release` runs (ReadyToRun, bin/Release/r2r); then Monitor's arms again
#      with the plain IL build (bin/Release/net10.0), to show what the precompilation saves, and the gil convoy's
#      Monitor arms over 11 rounds (its run time swings too much for five);
#   3. measure.py threads: per-thread CPU of Monitor and its worker over one run, diagnostics none and full, both
#      builds; measure.py headless: Monitor's CPU at steady state;
#   4. measure.py tui: Monitor's UI in a 120x35 pseudo-terminal: its CPU, memory, bytes/s and time to first frame;
#   5. measure.py stacks: a Kestrel service's requests/s alone, under attach, attach --stacks and dotnet-trace.
# Writes everything to tests/benchmarks/results/<date>/ (report.md collects it). Not part of .ci/run: it asserts
# nothing, and its figures only mean something beside the load average it prints with them.
set -euo pipefail
cd "$(dirname "$0")/../.."

quick=0
[ "${1:-}" = "--quick" ] && quick=1

out="tests/benchmarks/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
machine() {
  echo "- date: $(date -Is)"
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "- nproc: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "- load average (1/5/15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- .NET: $(dotnet --version)"
}

echo "== building (Release)" >&2
dotnet build src/Monitor.Cli -c Release -nologo -v q >&2
dotnet build tests/Monitor.Benchmarks -c Release -nologo -v q >&2
dotnet build tests/Monitor.TargetApp -c Release -nologo -v q >&2

echo "== anchor tools" >&2
for tool in dotnet-counters dotnet-trace; do
  [ -x "$HOME/.dotnet/tools/$tool" ] || dotnet tool install -g "$tool" >&2 || echo "could not install $tool: its rows are left out" >&2
done
if ! command -v htop >/dev/null; then
  { apt-get install -y htop || { apt-get update && apt-get install -y htop; }; } >&2 || echo "could not install htop: its rows are left out" >&2
fi

{ echo "# Monitor performance run"; echo; machine; echo; } > "$out/report.md"

echo "== micro-benchmarks (BenchmarkDotNet)" >&2
if [ $quick = 1 ]; then job=(--job short); else job=(--warmupCount 5 --iterationCount 15); fi
echo "load before micro-benchmarks: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine-load.txt"
dotnet tests/Monitor.Benchmarks/bin/Release/net10.0/Monitor.Benchmarks.dll --filter '*' --inProcess "${job[@]}" \
  --exporters github --artifacts "$out/bdn" >"$out/bdn.log" 2>&1
{ echo "## Micro-benchmarks (BenchmarkDotNet, in-process)"; echo; echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"; echo
  for f in "$out"/bdn/results/*-report-github.md; do sed -n '/^|/p' "$f"; echo; done; } >> "$out/report.md"

echo "== side by side: alone, Monitor, dotnet-counters, dotnet-trace, htop" >&2
if [ $quick = 1 ]; then side=(--rounds 1 --n-threads 1.6e10 --n-gil 5e9); else side=(--rounds 5); fi
{ echo "## Workload slowdown and observers' own cost"; echo; } >> "$out/report.md"
python3 tests/benchmarks/measure.py overhead "${side[@]}" --json "$out/overhead.json" >> "$out/report.md"

echo "== the gil convoy, Monitor's arms only, 11 rounds" >&2
# The convoy's run time swings by tens of percent whatever watches it: five pairs do not resolve a few percent.
if [ $quick = 1 ]; then convoy=(--rounds 1 --n-gil 5e9); else convoy=(--rounds 11); fi
{ echo; echo "## The gil convoy over more rounds (Monitor's arms only)"; echo; } >> "$out/report.md"
python3 tests/benchmarks/measure.py overhead "${convoy[@]}" --anchors "" --workloads gil --json "$out/overhead-gil.json" >> "$out/report.md"

echo "== the same, Monitor's arms with the IL build" >&2
il=src/Monitor.Cli/bin/Release/net10.0/monitor
{ echo; echo "## The same with the IL build (bin/Release/net10.0: no ReadyToRun code, tiered compilation on)"; echo; } >> "$out/report.md"
MONITOR="$il" python3 tests/benchmarks/measure.py overhead "${side[@]}" --anchors "" --json "$out/overhead-il.json" >> "$out/report.md"

echo "== where the CPU goes, thread by thread" >&2
if [ $quick = 1 ]; then th=(--repeat 1 --n 1e10); else th=(--repeat 3); fi
{ echo; echo "## Where the CPU goes: per-thread CPU over a threads x2 run"; echo; } >> "$out/report.md"
python3 tests/benchmarks/measure.py threads "${th[@]}" --json "$out/threads.json" >> "$out/report.md"
{ echo; echo "## The same with the IL build"; echo; } >> "$out/report.md"
MONITOR="$il" python3 tests/benchmarks/measure.py threads "${th[@]}" --json "$out/threads-il.json" >> "$out/report.md"

echo "== headless watching, steady state" >&2
if [ $quick = 1 ]; then hl=(--repeat 1 --warm 5 --seconds 5); else hl=(--repeat 3); fi
{ echo; echo "## Headless run --json, steady state"; echo; } >> "$out/report.md"
python3 tests/benchmarks/measure.py headless "${hl[@]}" --json "$out/headless.json" >> "$out/report.md"

echo "== the terminal UI" >&2
if [ $quick = 1 ]; then ui=(--repeat 1 --warm 5 --seconds 5); else ui=(--repeat 3); fi
{ echo; echo "## Terminal UI"; echo; } >> "$out/report.md"
python3 tests/benchmarks/measure.py tui "${ui[@]}" --json "$out/tui.json" >> "$out/report.md"

echo "== live stacks on a service, beside dotnet-trace" >&2
if [ $quick = 1 ]; then st=(--rounds 1 --seconds 5 --warm 3); else st=(--rounds 3); fi
{ echo; echo "## Live stacks: what they cost a Kestrel service"; echo; } >> "$out/report.md"
python3 tests/benchmarks/measure.py stacks "${st[@]}" --json "$out/stacks.json" >> "$out/report.md"

{ echo; echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"; } >> "$out/report.md"
cat "$out/report.md"
echo "(written to $out)" >&2

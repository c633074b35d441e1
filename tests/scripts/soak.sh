#!/usr/bin/env bash
# Long-run memory benchmark (not run in CI): runs Monitor for a while and samples its resident memory from /proc.
#
#   tests/scripts/soak.sh tui [MINUTES] [SAMPLE_SECONDS]   the UI in a private tmux server, a new run every 20 s
#                                                         (keys 1-4 in turn), so histories and per-run state churn
#   tests/scripts/soak.sh run [MINUTES] [SAMPLE_SECONDS]   one long `monitor run --json` (gil, 4 workers), stdout discarded
#
# Prints one CSV line per sample (seconds, VmRSS, VmHWM, RssAnon, RssShmem in KiB, threads) and a summary; RssAnon is
# what Monitor allocated itself (heaps, stacks), RssShmem mostly the JIT's code (memfd:doublemapper): VmRSS also grows
# as code pages are touched and methods are compiled.
# Exits 1 if a worker or the private socket directory of Monitor is left after the end.
# MONITOR=path/to/monitor overrides the program (default: the Release build).
set -euo pipefail

mode=${1:-tui}
minutes=${2:-10}
every=${3:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
monitor=${MONITOR:-$root/src/Monitor.Cli/bin/Release/r2r/monitor}
[ -x "$monitor" ] || { echo "soak: $monitor not built (dotnet build -c Release src/Monitor.Cli)" >&2; exit 2; }

tmux_socket="monitor-soak-$$"
pid=""
# One signal only: a second one makes Monitor end at once, without removing its sockets. SIGTERM, not SIGINT: a
# background job of a non-interactive shell starts with SIGINT ignored.
cleanup() {
  if [ "$mode" = tui ]; then
    tmux -L "$tmux_socket" kill-server 2>/dev/null || true
  elif [ "$mode" = run ] && [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
  fi
  local waited=0
  while [ -n "$pid" ] && [ -d "/proc/$pid" ] && [ "$waited" -lt 150 ]; do sleep 0.1; waited=$((waited + 1)); done
  return 0
}
trap cleanup EXIT

case "$mode" in
  tui)
    tmux -L "$tmux_socket" new-session -d -x 120 -y 35 "$monitor tui --mode gil --workers 4 --n 1e13 --no-mouse"
    for _ in $(seq 50); do
      pid=$(pgrep -f -n "^$monitor tui --mode gil" || true)
      [ -n "$pid" ] && break
      sleep 0.1
    done
    ;;
  run)
    "$monitor" run --mode gil --workers 4 --n 1e13 --json --interval 200 > /dev/null &
    pid=$!
    ;;
  *) echo "usage: $0 tui|run [MINUTES] [SAMPLE_SECONDS]" >&2; exit 2 ;;
esac
[ -n "$pid" ] || { echo "soak: Monitor did not start" >&2; exit 1; }

field() { awk -v f="$1" '$1 == f":" { print $2 }' "/proc/$pid/status"; }
echo "seconds,vmrss_kib,vmhwm_kib,rssanon_kib,rssshmem_kib,threads"
start=$(date +%s)
end=$((start + minutes * 60))
next_key=$((start + 20))
keys=(1 2 3 4)
k=0
first=""
first_anon=""
while [ "$(date +%s)" -lt "$end" ] && [ -d "/proc/$pid" ]; do
  now=$(date +%s)
  rss=$(field VmRSS); hwm=$(field VmHWM); anon=$(field RssAnon); shmem=$(field RssShmem); threads=$(field Threads)
  [ -z "$first" ] && first=$rss && first_anon=$anon
  echo "$((now - start)),$rss,$hwm,$anon,$shmem,$threads"
  if [ "$mode" = tui ] && [ "$now" -ge "$next_key" ]; then
    tmux -L "$tmux_socket" send-keys "${keys[$((k % 4))]}"
    k=$((k + 1)); next_key=$((now + 20))
  fi
  sleep "$every"
done
last=$rss
echo "summary: $mode ${minutes} min, RSS first ${first} KiB, last ${last} KiB, peak (VmHWM) ${hwm} KiB; RssAnon first ${first_anon} KiB, last ${anon} KiB; runs started by keys: $k" >&2

cleanup
pid_was=$pid; pid=""; mode=done
left=$(pgrep -f -- "--parent $pid_was" || true)
if [ -n "$left" ]; then echo "soak: workers left behind: $left" >&2; exit 1; fi
if ls -d "${TMPDIR:-/tmp}/monitor-$pid_was-"* > /dev/null 2>&1; then echo "soak: private socket directory left behind" >&2; exit 1; fi

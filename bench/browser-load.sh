#!/usr/bin/env bash
# Browser room cost (docs/BROWSER.md, results in docs/PERFORMANCE.md): CPU-seconds and peak memory per load,
# and portals per hour on this machine at concurrency 1.
#
# A demo of N portals (default 20; the browser room on, concurrency 1, the hour-long default interval). The
# demo's first browser round is packed: its 2N pages load back to back, which is the room's throughput. While
# they load, the browser's processes (their command lines name the dvc-browser- profile; user nobody when run as
# root, under the demo's JVM) are sampled every second: CPU-seconds (utime+stime from /proc, a restarted browser counted anew) and
# memory (sum of PSS). The run ends when all 2N loads are done (or after LIMIT seconds, default 1800). Prints
# CPU-seconds per load, peak memory, the mean wall time of a load (dvc_browser_load_seconds), the outcomes, and
# portals per hour at concurrency 1, from the round's elapsed time.
# Agreement of FCP/LCP/CLS with Lighthouse is bench/lighthouse-agreement.sh.
#
#   bench/browser-load.sh [PORTALS] [LIMIT_SECONDS]      (bench/browser-load.sh 2 300: a quick correctness run)
source "$(dirname "$0")/lib.sh"
need_jar
PORTALS=${1:-20}
LIMIT=${2:-1800}
PAGES=$((PORTALS * 2))
PORT=$(free_port)
SIMPORT=$(free_low_port)
DATA=$(mktemp -d /tmp/dvc-browser-bench.XXXXXX)

DVC_BROWSER_ENABLED=true DVC_BROWSER_INTERVAL=60m DVC_BROWSER_DEADLINE=45s DVC_BROWSER_CONCURRENCY=1 \
  java -jar "$JAR" demo --port "$PORT" --data "$DATA" --portals "$PORTALS" --sim-base-port "$SIMPORT" --scenario none \
  > "$OUT/browser-demo.log" 2>&1 &
DEMO=$!
PIDS+=("$DEMO")
wait_http "http://127.0.0.1:$PORT/health/live" 300

descendants() {   # a process and everything under it
  local c
  echo "$1"
  for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do descendants "$c"; done
}
browser_pids() {  # this demo's browser: the JVM's children on a dvc-browser- profile, and their processes
  local c        # (not embedded PostgreSQL, not other browsers on the machine)
  for c in $(cat /proc/"$DEMO"/task/*/children 2>/dev/null); do
    grep -q -a "dvc-browser-" "/proc/$c/cmdline" 2>/dev/null && descendants "$c"
  done
  return 0
}
cpu_ticks() {     # utime+stime of the browser's processes, in clock ticks
  local sum=0 p
  for p in $(browser_pids); do
    set -- $(cut -d' ' -f14,15 "/proc/$p/stat" 2>/dev/null || echo "0 0")
    sum=$((sum + $1 + $2))
  done
  echo "$sum"
}
pss_kb() {
  local sum=0 p v
  for p in $(browser_pids); do
    v=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    sum=$((sum + ${v:-0}))
  done
  echo "$sum"
}

HZ=$(getconf CLK_TCK)
runs_total() { curl -fsS --max-time 5 "http://127.0.0.1:$PORT/metrics" 2>/dev/null \
  | awk '/^dvc_browser_runs_total/ {s += $2} END {print int(s + 0)}'; }
ticks=0; last=0; peak=0; first=""; runs=0
end=$(( $(date +%s) + LIMIT ))
while [ "$(date +%s)" -lt "$end" ]; do
  # Processes come and go (restarts): add each sample's growth, counting a drop as a new browser.
  now=$(cpu_ticks)
  if [ "$now" -ge "$last" ]; then ticks=$((ticks + now - last)); else ticks=$((ticks + now)); fi
  last=$now
  m=$(pss_kb); [ "$m" -gt "$peak" ] && peak=$m
  [ -z "$first" ] && [ "$now" -gt 0 ] && first=$(date +%s.%N)   # the browser has started: the round is on
  runs=$(runs_total || echo 0)
  [ "${runs:-0}" -ge "$PAGES" ] && break
  sleep 1
done
done_at=$(date +%s.%N)
METRICS=$(curl -fsS "http://127.0.0.1:$PORT/metrics")
sum=$(echo "$METRICS" | awk '/^dvc_browser_load_seconds_sum/ {print $2}')
echo "browser: $runs loads of $PAGES pages (concurrency 1, packed first round)"
echo "$METRICS" | grep '^dvc_browser_runs_total' || true
if [ "${runs:-0}" -gt 0 ]; then
  python3 - "$runs" "$sum" "$ticks" "$HZ" "$peak" "${first:-$done_at}" "$done_at" <<'PY'
import sys
runs, wall, ticks, hz, peak = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
elapsed = float(sys.argv[7]) - float(sys.argv[6])
print(f"CPU-seconds per load (browser processes): {ticks / hz / runs:.2f}")
print(f"mean wall time per load: {wall / runs:.2f} s")
print(f"peak browser memory (PSS): {peak / 1024:.0f} MB")
print(f"round: {runs:.0f} loads in {elapsed:.0f} s from the browser's start")
if elapsed > 0:
    print(f"portals per hour at concurrency 1 (2 pages each): {3600 * runs / elapsed / 2:.0f}")
PY
fi
rm -rf "$DATA"

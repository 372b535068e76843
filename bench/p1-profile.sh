#!/usr/bin/env bash
# P1-profile: where dvc-watch's CPU and allocation go per probe, valid on a shared machine (figures per probe
# and per 1,000 probes, not per second). Same set-up as P1 (a BenchFleet of N simulated portals in another
# process, `run` on it with homepage + eForm every INTERVAL), warmed up for WARMUP seconds, then a JFR recording
# (settings=profile) of SECONDS, started and stopped by jcmd so that it covers exactly the window whose
# probes and CPU time are counted; optionally (PERF=1, needs perf) a native profile of the same window by
# shared object (BoringSSL, the JVM's own code, the kernel, JIT-compiled Java).
#   bench/p1-profile.sh [PORTALS=200] [INTERVAL_S=10] [SECONDS=60] [WARMUP_S=40]
# Prints: probes, CPU ms per probe (process user+system), JFR CPU samples per 1,000 probes by thread group
# and by what the stack was doing, the top methods, sampled allocation per probe and its top allocators
# (bench/p1-profile-report.py). The recording stays in $OUT/p1-profile.jfr for `jfr print` / JMC.
# DVC_JAVA_OPTS: JVM options for dvc-watch, default "-XX:+UseZGC -XX:TieredStopAtLevel=1" (as P1). P1_BASE_PORT: the fleet's first port.
# JFR=0: no recording (starting one makes the JIT recompile what it instruments, so the compiler threads' share in
#   the perf figures is only clean without it).
source "$(dirname "$0")/lib.sh"
need_jar
need_test_classes
N=${1:-200}; INTERVAL=${2:-10}; SECS=${3:-60}; WARMUP=${4:-40}
WORK=$(mktemp -d /tmp/dvc-p1p.XXXXXX)
start_bench_fleet P1-profile "$N" "${P1_BASE_PORT:-3000}" "$WORK/fleet" $((WARMUP + SECS + 150))
port=$(free_port)
watchdog_config "$WORK/dvc-watch.yaml" "$port" "$WORK/fleet" "interval: ${INTERVAL}s, deadline: ${INTERVAL}s, maxInFlight: 400"
# shellcheck disable=SC2086 # DVC_JAVA_OPTS is a list of options
env -u DVC_JAR -u DVC_JAVA_OPTS DVC_BROWSER_ENABLED=false java -Xmx1g ${DVC_JAVA_OPTS:--XX:+UseZGC -XX:TieredStopAtLevel=1} -jar "$JAR" run \
  --config "$WORK/dvc-watch.yaml" --data "$WORK/data" > "$OUT/p1-profile-dvc.log" 2>&1 &
dpid=$!; PIDS+=("$dpid")
wait_http "http://127.0.0.1:$port/health/live" 300
probes() { curl -fsS "http://127.0.0.1:$port/metrics" | awk '/^dvc_probes_total/ {s+=$2} END {printf "%d", s}'; }
sleep "$WARMUP"
rm -f "$OUT/p1-profile.jfr"
[ "${JFR:-1}" = 1 ] && jcmd "$dpid" JFR.start name=p1profile settings=profile > /dev/null
if [ "${PERF:-0}" = 1 ]; then
  perf record -F 199 -p "$dpid" -o "$WORK/perf.data" -- sleep "$SECS" > /dev/null 2>&1 &
  PERF_PID=$!; PIDS+=("$PERF_PID")
fi
p0=$(probes); c0=$(cpu_seconds "$dpid"); t0=$(date +%s.%N)   # the scrape outside the window, as in P1
sleep "$SECS"
c1=$(cpu_seconds "$dpid"); p1=$(probes); t1=$(date +%s.%N)
[ "${JFR:-1}" = 1 ] && jcmd "$dpid" JFR.stop name=p1profile filename="$OUT/p1-profile.jfr" > /dev/null
[ -n "${PERF_PID:-}" ] && { timeout 30 tail --pid="$PERF_PID" -f /dev/null || true; }
load=$(cut -d' ' -f1-3 /proc/loadavg)
kill "$dpid"; timeout 30 tail --pid="$dpid" -f /dev/null || true
n=$((p1 - p0)); cpu=$(echo "$c1 - $c0" | bc -l); wall=$(echo "$t1 - $t0" | bc -l)
printf 'P1-profile N=%d portals, interval %d s, %.1f s recorded after %d s of warm-up, load average %s\n' \
  "$N" "$INTERVAL" "$wall" "$WARMUP" "$load"
printf 'P1-profile %d probes, %.2f CPU s => %.3f CPU ms per probe (%.1f probes per CPU-second; whole process)\n' \
  "$n" "$cpu" "$(echo "1000 * $cpu / $n" | bc -l)" "$(echo "$n / $cpu" | bc -l)"
if [ "${JFR:-1}" = 1 ]; then
  jfr print --json --stack-depth 64 --events jdk.ExecutionSample,jdk.ObjectAllocationSample "$OUT/p1-profile.jfr" \
    | python3 "$BENCH_DIR/p1-profile-report.py" "$n" | sed 's/^/P1-profile /' | tee "$OUT/p1-profile.txt"
fi
if [ -f "$WORK/perf.data" ]; then
  echo "P1-profile CPU by shared object (perf, every thread of the process; [JIT] is compiled Java):"
  perf report -i "$WORK/perf.data" --sort dso --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -8 | sed 's/^/P1-profile   /'
  echo "P1-profile CPU by thread name (perf; the JVM's own threads are the collector, the compilers, JFR):"
  perf report -i "$WORK/perf.data" --sort comm --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -16 | sed 's/^/P1-profile   /'
fi
rm -rf "$WORK"

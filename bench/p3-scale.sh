#!/usr/bin/env bash
# P3: scale — N simulated portals (default 10,000) at a 30 s interval (homepage + eForm ≈ 667 probes/s)
# for SECONDS (default 300). Samples schedule slip, probes in flight and CPU every 5 s; at the end, heap
# after a full GC per portal and GC pause totals.
#   bench/p3-scale.sh [PORTALS=10000] [SECONDS=300] [INTERVAL_S=30]
# DVC_JAVA_OPTS adds JVM options to the watchdog (e.g. -XX:StartFlightRecording=filename=/tmp/p3.jfr).
source "$(dirname "$0")/lib.sh"
need_jar
need_test_classes
N=${1:-10000}; SECS=${2:-300}; INTERVAL=${3:-30}
ulimit -n 200000 2>/dev/null || ulimit -n 65536 2>/dev/null || true
WORK=$(mktemp -d /tmp/dvc-p3.XXXXXX)
start_bench_fleet P3 "$N" 10000 "$WORK/fleet" $((SECS + 400)) 3g
PORT=$(free_port)
watchdog_config "$WORK/dvc-watch.yaml" "$PORT" "$WORK/fleet" "interval: ${INTERVAL}s, maxInFlight: 1000" \
  "db: { bufferCapacity: 200000, batchSize: 2000 }"
java -Xmx2g ${DVC_JAVA_OPTS:-} -jar "$JAR" run --config "$WORK/dvc-watch.yaml" --data "$WORK/data" > "$OUT/p3-dvc.log" 2>&1 &
DPID=$!; PIDS+=("$DPID")
wait_http "http://127.0.0.1:$PORT/health/live" 120
# The probe loop's figures from /health/ready: a full /metrics scrape of 10,000 portals is itself a load.
ready() { curl -fsS --max-time 10 "http://127.0.0.1:$PORT/health/ready" | python3 -c "import json,sys; p=json.load(sys.stdin)['checks']['probeLoop']; print(p['$1'])"; }
sleep "$INTERVAL"   # the first round
echo "t_s slip_s in_flight probes_started cpu_pct" | tee "$OUT/p3-samples.txt"
maxslip=0; c0=$(cpu_seconds "$DPID"); t0=$(date +%s); prev=$c0; prevt=$t0
p0=$(ready probesStarted)
while [ $(( $(date +%s) - t0 )) -lt "$SECS" ]; do
  sleep 5
  now=$(date +%s); c=$(cpu_seconds "$DPID")
  slip=$(ready scheduleSlipSeconds || echo 0); fl=$(ready inFlight || echo 0); pt=$(ready probesStarted || echo 0)
  maxslip=$(echo "if ($slip > $maxslip) $slip else $maxslip" | bc -l)
  cpu=$(echo "($c - $prev) * 100 / ($now - $prevt)" | bc -l); prev=$c; prevt=$now
  printf '%d %s %s %s %.0f\n' $((now - t0)) "$slip" "$fl" "$pt" "$cpu" | tee -a "$OUT/p3-samples.txt"
done
c1=$(cpu_seconds "$DPID"); t1=$(date +%s)
p1=$(ready probesStarted); maxslip_all=$(ready maxScheduleSlipSeconds)
gc=$(jstat -gcutil "$DPID" | awk 'NR==2 {print $NF}'); gcn=$(jstat -gcutil "$DPID" | awk 'NR==2 {print $(NF-4)+$(NF-2)}')
jcmd "$DPID" GC.run >/dev/null 2>&1; sleep 2
# Where the heap goes: the 40 largest classes of live objects (bench/out/p3-histo.txt).
jmap -histo:live "$DPID" 2>/dev/null | head -43 > "$OUT/p3-histo.txt" || true
heap_kb=$(jcmd "$DPID" GC.heap_info | awk '/garbage-first heap/ {for(i=1;i<=NF;i++) if($i=="used") {v=$(i+1); gsub(/[K,]/,"",v); print v; exit}}')
printf 'P3 N=%d portals, interval %ss, %d s measured: %d probes (%.0f/s offered %.0f/s)\n' "$N" "$INTERVAL" $((t1 - t0)) $((p1 - p0)) "$(echo "($p1 - $p0) / ($t1 - $t0)" | bc -l)" "$(echo "2 * $N / $INTERVAL" | bc -l)"
printf 'P3 schedule slip: worst sampled every 5 s in the measured window %.3f s (target <= 1 s); worst since start, first round included, %.3f s; CPU %.0f %% of one core on average\n' "$maxslip" "$maxslip_all" "$(echo "($c1 - $c0) * 100 / ($t1 - $t0)" | bc -l)"
printf 'P3 heap after full GC %.1f MB => %.1f KB per portal (target <= 20 KB); GC pauses %s s in %s collections since start\n' \
  "$(echo "$heap_kb / 1024" | bc -l)" "$(echo "$heap_kb / $N" | bc -l)" "$gc" "$gcn"
kill "$DPID"; timeout 60 tail --pid="$DPID" -f /dev/null || true
rm -rf "$WORK"

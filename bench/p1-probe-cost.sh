#!/usr/bin/env bash
# P1: probe cost — probes per CPU-second of the watchdog process against the simulated fleet (N portals,
# homepage + eForm, fresh TCP+TLS per probe), side by side with Prometheus blackbox_exporter (certificate
# verification on) driven at the same rate against the same fleet. RUNS alternating pairs (dvc-watch, then
# the peer, then dvc-watch again, ...), each side freshly started in each pair; every pair's ratio is
# reported, then the lowest, the median and the highest.
#   bench/p1-probe-cost.sh [PORTALS=1000] [INTERVAL_S=10] [SECONDS=60] [RUNS=3]
# DVC_JAVA_OPTS: JVM options for dvc-watch, default "-XX:+UseZGC -XX:TieredStopAtLevel=1": the collector P2 runs
#   with, so that both benchmarks measure one configuration, and the JIT setting the product ships with (Dockerfile,
#   docs/OPERATIONS.md; why: docs/PERFORMANCE.md, "The JIT compiler"); DVC_JAVA_OPTS="-XX:+UseG1GC" gives the JVM's
#   defaults (C2 on) for comparison.
# Needs: prometheus-blackbox-exporter (apt-get install prometheus-blackbox-exporter).
source "$(dirname "$0")/lib.sh"
need_jar
need_test_classes
N=${1:-1000}; INTERVAL=${2:-10}; SECS=${3:-60}; RUNS=${4:-3}
RATE=$(echo "2 * $N / $INTERVAL" | bc -l)
BB=$(command -v prometheus-blackbox-exporter || echo /usr/bin/prometheus-blackbox-exporter)
[ -x "$BB" ] || { echo "P1 needs prometheus-blackbox-exporter"; exit 1; }
ulimit -n 65536 2>/dev/null || true
WORK=$(mktemp -d /tmp/dvc-p1.XXXXXX)
# The fleet outlives every pair: per pair one watchdog start (up to 90 s), its warm-up and window, and the peer's.
start_bench_fleet P1 "$N" "${P1_BASE_PORT:-3000}" "$WORK/fleet" $((RUNS * (2 * SECS + 5 * INTERVAL + 150)))

# run_dvc I: one fresh dvc-watch (its own data dir), warmed up, then measured for SECS; sets DVC_PROBES/CPU/RATE.
run_dvc() {
  local i=$1 port dpid c0 c1 p0 p1 g0 g1
  port=$(free_port)
  watchdog_config "$WORK/dvc-watch-$i.yaml" "$port" "$WORK/fleet" "interval: ${INTERVAL}s, deadline: ${INTERVAL}s, maxInFlight: 400"
  # The browser room is off: P1 measures probing, and a Chromium loading pages in the same window would add to the
  # process's CPU (its DevTools traffic) and compete for cores.
  # shellcheck disable=SC2086 # DVC_JAVA_OPTS is a list of options
  env -u DVC_JAR -u DVC_JAVA_OPTS DVC_BROWSER_ENABLED=false java -Xmx1g -Xlog:gc:file="$OUT/p1-dvc-$i-gc.log":utctime,uptime ${DVC_JAVA_OPTS:--XX:+UseZGC -XX:TieredStopAtLevel=1} -jar "$JAR" run --config "$WORK/dvc-watch-$i.yaml" --data "$WORK/data-$i" > "$OUT/p1-dvc-$i.log" 2>&1 &
  dpid=$!; PIDS+=("$dpid")
  wait_http "http://127.0.0.1:$port/health/live" 90
  probes() { curl -fsS "http://127.0.0.1:$port/metrics" | awk '/^dvc_probes_total/ {s+=$2} END {printf "%d", s}'; }
  sleep $((INTERVAL * 3))       # warm-up: JIT, first rounds (with the hourly legacy-TLS checks of every host), PostgreSQL settled
  # The count is read before the CPU time: rendering /metrics for 1,000 portals is the benchmark's own instrument
  # (about half a CPU-second), not probe work, so neither scrape falls inside the measured window.
  p0=$(probes); c0=$(cpu_seconds "$dpid"); g0=$(pg_cpu_seconds "$WORK/data-$i")
  sleep "$SECS"
  c1=$(cpu_seconds "$dpid"); g1=$(pg_cpu_seconds "$WORK/data-$i"); p1=$(probes)
  kill "$dpid"; timeout 30 tail --pid="$dpid" -f /dev/null || true
  DVC_PROBES=$((p1 - p0)); DVC_CPU=$(echo "$c1 - $c0" | bc -l)
  DVC_RATE=$(echo "$DVC_PROBES / $DVC_CPU" | bc -l)
  # The embedded PostgreSQL is a process of its own: its CPU is not in the watchdog's. Reported beside, not
  # in the ratio (an operator may run the database elsewhere), so that the ratio's reader sees what it leaves out.
  DVC_PG_CPU=$(echo "$g1 - $g0" | bc -l)
}

# run_peer I: one fresh blackbox_exporter, warmed up for two intervals, then driven for SECS; sets BB_*.
run_peer() {
  local i=$1 bport bpid b0 b1
  bport=$(free_port)
  "$BB" --config.file="$WORK/blackbox.yml" --web.listen-address="127.0.0.1:$bport" > "$OUT/p1-blackbox-$i.log" 2>&1 &
  bpid=$!; PIDS+=("$bpid")
  wait_http "http://127.0.0.1:$bport/metrics" 30
  python3 "$BENCH_DIR/drive-blackbox.py" "http://127.0.0.1:$bport" "$WORK/fleet/targets.txt" "$RATE" $((INTERVAL * 2)) >/dev/null
  b0=$(cpu_seconds "$bpid")
  BB_OUT=$(python3 "$BENCH_DIR/drive-blackbox.py" "http://127.0.0.1:$bport" "$WORK/fleet/targets.txt" "$RATE" "$SECS")
  b1=$(cpu_seconds "$bpid")
  kill "$bpid"; timeout 10 tail --pid="$bpid" -f /dev/null || true
  BB_PROBES=$(echo "$BB_OUT" | sed -E 's/.*probes=([0-9]+).*/\1/')
  BB_CPU=$(echo "$b1 - $b0" | bc -l)
  BB_RATE=$(echo "$BB_PROBES / $BB_CPU" | bc -l)
}

cat > "$WORK/blackbox.yml" <<YAML
modules:
  https_2xx:
    prober: http
    timeout: ${INTERVAL}s
    http:
      preferred_ip_protocol: ip4
      # Certificate verification on, against the simulator's CA, as dvc-watch verifies and a real operator
      # configures it (the hostname parameter of drive-blackbox.py gives the name to verify against).
      tls_config: { ca_file: "$WORK/fleet/ca.pem" }
YAML

printf 'P1 N=%d portals, %.1f probes/s offered, %d s measured per side, %d alternating pairs\n' "$N" "$RATE" "$SECS" "$RUNS"
RATIOS=()
for i in $(seq 1 "$RUNS"); do
  run_dvc "$i"
  run_peer "$i"
  ratio=$(echo "$DVC_RATE / $BB_RATE" | bc -l)
  RATIOS+=("$ratio")
  printf 'P1 pair %d dvc-watch:         %6d probes, %6.2f CPU s => %7.1f probes per CPU-second (whole watchdog: probing, storing, grading)\n' "$i" "$DVC_PROBES" "$DVC_CPU" "$DVC_RATE"
  printf 'P1 pair %d blackbox_exporter: %6d probes, %6.2f CPU s => %7.1f probes per CPU-second (%s)\n' "$i" "$BB_PROBES" "$BB_CPU" "$BB_RATE" "$BB_OUT"
  printf 'P1 pair %d ratio dvc-watch / blackbox_exporter = %.2f\n' "$i" "$ratio"
  printf 'P1 pair %d embedded PostgreSQL beside the watchdog: %.2f CPU s in the same window; with it, %.1f probes per CPU-second, ratio %.2f\n' \
    "$i" "$DVC_PG_CPU" "$(echo "$DVC_PROBES / ($DVC_CPU + $DVC_PG_CPU)" | bc -l)" \
    "$(echo "$DVC_PROBES / ($DVC_CPU + $DVC_PG_CPU) / $BB_RATE" | bc -l)"
done
printf 'P1 ratios: %s; lowest %.2f, median %.2f, highest %.2f (target >= 1.5)\n' \
  "$(printf '%.2f ' "${RATIOS[@]}")" \
  "$(printf '%s\n' "${RATIOS[@]}" | sort -g | head -1)" \
  "$(printf '%s\n' "${RATIOS[@]}" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}')" \
  "$(printf '%s\n' "${RATIOS[@]}" | sort -g | tail -1)"
rm -rf "$WORK"

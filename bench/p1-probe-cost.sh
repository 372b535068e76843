#!/usr/bin/env bash
# P1: probe cost — probes per CPU-second of the watchdog process against the simulated fleet (N portals,
# homepage + eForm, fresh TCP+TLS per probe), side by side with Prometheus blackbox_exporter driven at
# the same rate against the same fleet in the same run.
#   bench/p1-probe-cost.sh [PORTALS=1000] [INTERVAL_S=10] [SECONDS=60]
# Needs: prometheus-blackbox-exporter (apt-get install prometheus-blackbox-exporter).
source "$(dirname "$0")/lib.sh"
need_jar
need_test_classes
N=${1:-1000}; INTERVAL=${2:-10}; SECS=${3:-60}
RATE=$(echo "2 * $N / $INTERVAL" | bc -l)
BB=$(command -v prometheus-blackbox-exporter || echo /usr/bin/prometheus-blackbox-exporter)
[ -x "$BB" ] || { echo "P1 needs prometheus-blackbox-exporter"; exit 1; }
ulimit -n 65536 2>/dev/null || true
WORK=$(mktemp -d /tmp/dvc-p1.XXXXXX)
start_bench_fleet P1 "$N" "${P1_BASE_PORT:-3000}" "$WORK/fleet" $((SECS * 2 + 200))

# --- dvc-watch ---
PORT=$(free_port)
watchdog_config "$WORK/dvc-watch.yaml" "$PORT" "$WORK/fleet" "interval: ${INTERVAL}s, deadline: ${INTERVAL}s, maxInFlight: 400"
# The browser room is off: P1 measures probing, and a Chromium loading pages in the same window would both
# add to the process's CPU (its children are not in cpu_seconds, but its DevTools traffic is) and compete for cores.
DVC_BROWSER_ENABLED=false java -Xmx1g -jar "$JAR" run --config "$WORK/dvc-watch.yaml" --data "$WORK/data" > "$OUT/p1-dvc.log" 2>&1 &
DPID=$!; PIDS+=("$DPID")
wait_http "http://127.0.0.1:$PORT/health/live" 90
probes() { curl -fsS "http://127.0.0.1:$PORT/metrics" | awk '/^dvc_probes_total/ {s+=$2} END {printf "%d", s}'; }
sleep $((INTERVAL * 3))       # warm-up: JIT, first rounds (with the hourly legacy-TLS checks of every host), PostgreSQL settled
c0=$(cpu_seconds "$DPID"); p0=$(probes)
sleep "$SECS"
c1=$(cpu_seconds "$DPID"); p1=$(probes)
kill "$DPID"; timeout 30 tail --pid="$DPID" -f /dev/null || true
DVC_PROBES=$((p1 - p0)); DVC_CPU=$(echo "$c1 - $c0" | bc -l)
DVC_RATE=$(echo "$DVC_PROBES / $DVC_CPU" | bc -l)

# --- blackbox_exporter ---
BPORT=$(free_port)
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
"$BB" --config.file="$WORK/blackbox.yml" --web.listen-address="127.0.0.1:$BPORT" > "$OUT/p1-blackbox.log" 2>&1 &
BPID=$!; PIDS+=("$BPID")
wait_http "http://127.0.0.1:$BPORT/metrics" 30
python3 "$BENCH_DIR/drive-blackbox.py" "http://127.0.0.1:$BPORT" "$WORK/fleet/targets.txt" "$RATE" $((INTERVAL * 2)) >/dev/null
b0=$(cpu_seconds "$BPID")
BB_OUT=$(python3 "$BENCH_DIR/drive-blackbox.py" "http://127.0.0.1:$BPORT" "$WORK/fleet/targets.txt" "$RATE" "$SECS")
b1=$(cpu_seconds "$BPID")
BB_PROBES=$(echo "$BB_OUT" | sed -E 's/.*probes=([0-9]+).*/\1/')
BB_CPU=$(echo "$b1 - $b0" | bc -l)
BB_RATE=$(echo "$BB_PROBES / $BB_CPU" | bc -l)

printf 'P1 N=%d portals, %.1f probes/s offered, %d s measured\n' "$N" "$RATE" "$SECS"
printf 'P1 dvc-watch:        %6d probes, %6.2f CPU s => %7.1f probes per CPU-second (whole watchdog: probing, storing, grading)\n' "$DVC_PROBES" "$DVC_CPU" "$DVC_RATE"
printf 'P1 blackbox_exporter: %6d probes, %6.2f CPU s => %7.1f probes per CPU-second (%s)\n' "$BB_PROBES" "$BB_CPU" "$BB_RATE" "$BB_OUT"
printf 'P1 ratio dvc-watch / blackbox_exporter = %.2f (target >= 1.5)\n' "$(echo "$DVC_RATE / $BB_RATE" | bc -l)"
rm -rf "$WORK"

# Shared helpers of the bench scripts. Every loop here is bounded in count and time, all traffic goes to
# loopback, and every process a script starts is stopped by its PID on exit.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="${DVC_JAR:-$ROOT/target/dvc-watch.jar}"  # DVC_JAR: run a copy, so a rebuild cannot pull classes from under a long drill
OUT="${BENCH_OUT:-$ROOT/bench/out}"
mkdir -p "$OUT"
PIDS=()

cleanup() {
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && { timeout 20 tail --pid="$p" -f /dev/null 2>/dev/null || kill -9 "$p" 2>/dev/null || true; }
  done
}
trap cleanup EXIT

need_jar() {
  if [ ! -f "$JAR" ]; then
    echo "bench: building the jar" >&2
    (cd "$ROOT" && mvn -q -B package -DskipTests)
  fi
}

# wait_http URL SECONDS: poll until the URL answers 2xx, or fail.
wait_http() {
  local url=$1 secs=${2:-60} i=0
  while [ $i -lt $((secs * 10)) ]; do
    if curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null; then return 0; fi
    sleep 0.1; i=$((i + 1))
  done
  echo "bench: $url did not answer within ${secs}s" >&2
  return 1
}

# cpu_seconds PID: user+system CPU time of a process, in seconds.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}

# pg_cpu_seconds DATA_DIR: CPU seconds of the embedded PostgreSQL under a watchdog's data directory: the postmaster,
# its live processes (backends, writers, autovacuum) and those it has reaped (cutime, cstime); 0 when none runs.
pg_cpu_seconds() {
  local pid
  pid=$(head -1 "$1/pg/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  [ -r "/proc/$pid/stat" ] || { echo 0; return; }
  {
    awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat"
    for c in $(pgrep -P "$pid"); do
      awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || true
    done
  } | awk -v hz="$(getconf CLK_TCK)" '{s += $1} END {print s / hz}'
}

# rss_kb PID
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# free_low_port: a free port on 127.0.0.1 between 20000 and 32767 (below the kernel's ephemeral range, so no
# outgoing connection of the run can take it); at most 200 tries.
free_low_port() {
  python3 - <<'PY'
import random, socket
for _ in range(200):
    port = random.randint(20000, 32767)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    break
else:
    raise SystemExit("no free port between 20000 and 32767")
PY
}

# need_test_classes: the bench mains live in src/test/java (they start the simulator and servers in-process).
need_test_classes() {
  if [ ! -d "$ROOT/target/test-classes/vn/dvcwatch/bench" ]; then
    echo "bench: compiling the bench mains" >&2
    (cd "$ROOT" && mvn -q -B test-compile)
  fi
}

# start_bench_fleet ID PORTALS BASE_PORT DIR SECONDS HEAP: a simulated fleet in its own JVM (BenchFleet) that
# writes DIR/portals.yaml, ca.pem, hosts and targets.txt; waits until it is ready or fails naming the bench.
start_bench_fleet() {
  local id=$1 n=$2 base=$3 dir=$4 secs=$5 heap=${6:-1g} log; log="$OUT/$(echo "$id" | tr 'A-Z' 'a-z')-fleet.log"
  # The fleet serves its modern handshakes from BoringSSL (DVC_SIM_TLS=jdk for the JDK engine): the
  # benchmarks measure the watchdog, and JDK TLS made the simulator the bottleneck at 667 handshakes/s.
  java "-Xmx$heap" "-Ddvc.sim.tls=${DVC_SIM_TLS:-openssl}" -cp "$JAR:$ROOT/target/test-classes" vn.dvcwatch.bench.BenchFleet "$n" "$base" "$dir" "$secs" \
    > "$dir.ready" 2>"$log" &
  PIDS+=("$!")
  for _ in $(seq 1 1800); do grep -q ready "$dir.ready" 2>/dev/null && return 0; sleep 0.1; done
  echo "$id: simulated fleet did not start (see $log)"; exit 1
}

# watchdog_config FILE PORT FLEET_DIR PROBE_YAML [EXTRA_YAML]: a `run` config for a BenchFleet fleet.
watchdog_config() {
  cat > "$1" <<YAML
http: { port: $2, host: 127.0.0.1 }
registry: { file: $3/portals.yaml, watch: false }
probe: { $4, hostsFile: $3/hosts, extraCaFiles: [$3/ca.pem] }
${5:-}
YAML
}

# alerts_to_sink PORT: the demo's alerts go, without TLS, to a local SMTP sink (bench/faults/smtp-sink.py) on PORT.
# Every alert has the one national copy as recipient, so the per-recipient rate limit (20 an hour by default,
# the rest wait in order) would hold most of a drill's mails back: a drill checks that nothing is lost or sent
# twice, not the rate limit (tested in the suite), so it lifts it.
alerts_to_sink() {
  export DVC_ALERTS_ENABLED=true DVC_ALERTS_SMTP_HOST=127.0.0.1 DVC_ALERTS_SMTP_PORT=$1 DVC_ALERTS_SMTP_STARTTLS=none \
    DVC_ALERTS_NATIONALCOPY=quoc-gia@dvc.test DVC_ALERTS_RATEPERHOUR=10000
}

# demo_sql LOG SQL: runs SQL on the embedded PostgreSQL of the demo whose log is LOG (space-separated rows).
demo_sql() {
  local pgport; pgport=$(grep -o 'embedded PostgreSQL up on port [0-9]*' "$1" | tail -1 | awk '{print $NF}')
  PGPASSWORD=postgres psql -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -At -F' ' -c "$2"
}

# cluster_role PORT: "role pid" of the cluster node whose web is on PORT (its /health/ready), nothing while it does
# not answer.
cluster_role() {
  curl -s --max-time 2 "http://127.0.0.1:$1/health/ready" 2>/dev/null | python3 -c '
import json, sys
try:
    c = json.load(sys.stdin).get("cluster", {})
    print(c.get("role", ""), c.get("pid", ""))
except Exception:
    pass' || true
}

# wait_nodes LAUNCHER_PID PORT N: waits until the N boards of a `demo --vantages` launched as LAUNCHER_PID answer on
# PORT, PORT+1, ...; fails at once when the launcher has exited (its log says why).
wait_nodes() {
  local lpid=$1 port=$2 n=$3 i
  for i in $(seq 0 $((n - 1))); do
    for _ in $(seq 1 2400); do
      curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$((port + i))/health/live" 2>/dev/null && break
      kill -0 "$lpid" 2>/dev/null || { echo "bench: the demo launcher (pid $lpid) exited" >&2; return 1; }
      sleep 0.1
    done
  done
}

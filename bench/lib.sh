# Shared helpers of the bench scripts. Every loop here is bounded in count and time, all traffic goes to
# loopback, and every process a script starts is stopped by its PID on exit.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="$ROOT/target/dvc-watch.jar"
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

# rss_kb PID
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# need_test_classes: the bench mains live in src/test/java (they start the simulator and servers in-process).
need_test_classes() {
  if [ ! -d "$ROOT/target/test-classes/vn/dvcwatch/bench" ]; then
    echo "bench: compiling the bench mains" >&2
    (cd "$ROOT" && mvn -q -B test-compile)
  fi
}

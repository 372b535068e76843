#!/usr/bin/env bash
# P7: `demo` from launch to a full board (every one of the 83 portals listed with a status, a score and
# a grade), including embedded PostgreSQL and the simulated fleet. Runs it RUNS times (default 3) with a fresh data directory each time and prints each time.
#   bench/p7-startup.sh [RUNS]
source "$(dirname "$0")/lib.sh"
need_jar
RUNS=${1:-3}
for run in $(seq 1 "$RUNS"); do
  PORT=$(free_port)
  DATA=$(mktemp -d /tmp/dvc-p7.XXXXXX)
  start=$(date +%s.%N)
  java -jar "$JAR" demo --port "$PORT" --data "$DATA" --sim-base-port 21000 > "$OUT/p7-demo-$run.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  full=""
  for i in $(seq 1 600); do   # at most 60 s
    n=$(curl -fsS --max-time 1 "http://127.0.0.1:$PORT/api/v1/portals" 2>/dev/null \
        | python3 -c 'import json,sys; a=json.load(sys.stdin); print(sum(1 for p in a if p.get("status") not in (None,"UNKNOWN") and p.get("grade") and p.get("score") is not None))' 2>/dev/null || echo 0)
    if [ "${n:-0}" -ge 83 ]; then full=$(date +%s.%N); break; fi
    sleep 0.1
  done
  kill "$pid"; timeout 30 tail --pid="$pid" -f /dev/null || true
  rm -rf "$DATA"
  if [ -z "$full" ]; then echo "P7 run $run: board not full within 60 s (see $OUT/p7-demo-$run.log)"; continue; fi
  printf 'P7 run %d: launch to full board %.2f s\n' "$run" "$(echo "$full - $start" | bc)"
done

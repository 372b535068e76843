#!/usr/bin/env bash
# P4: SSE fan-out. One process runs the real EventHub + WebServer and publishes a `rank` event every 2 s;
# another opens CLIENTS connections to /api/v1/events (plus STALLED ones that never read) and measures,
# for every event, publication-to-arrival latency at every client. Server heap is sampled before and
# after the clients connect (after a full GC) for the memory per client.
#   bench/p4-sse.sh [CLIENTS=10000] [STALLED=100] [SECONDS=40]
source "$(dirname "$0")/lib.sh"
need_jar
need_test_classes
CLIENTS=${1:-10000}; STALLED=${2:-100}; SECS=${3:-40}
ulimit -n 65536 2>/dev/null || true
PORT=$(free_port)
java -Xmx1g -XX:+UseParallelGC ${DVC_JAVA_OPTS:-} -cp "$JAR:$ROOT/target/test-classes" vn.dvcwatch.bench.SseFanoutServer "$PORT" $((SECS + 40)) 2000 \
  > "$OUT/p4-server.txt" 2>"$OUT/p4-server.log" &
SPID=$!; PIDS+=("$SPID")
for i in $(seq 1 100); do grep -q "ready" "$OUT/p4-server.txt" 2>/dev/null && break; sleep 0.2; done
heap_mb() { # used heap after a full GC: young + old generations of the parallel collector
  jcmd "$SPID" GC.run >/dev/null 2>&1; sleep 1
  jcmd "$SPID" GC.heap_info 2>/dev/null | awk '/PSYoungGen|ParOldGen/ {for(i=1;i<=NF;i++) if($i=="used") {v=$(i+1); gsub(/[K,]/,"",v); s+=v}} END {printf "%.1f", s/1024}'; }
before=$(heap_mb)
java -Xmx2g -cp "$JAR:$ROOT/target/test-classes" vn.dvcwatch.bench.SseFanoutClients "$PORT" "$CLIENTS" "$STALLED" "$SECS" \
  > "$OUT/p4-clients.txt" 2>"$OUT/p4-clients.log" &
CPID=$!; PIDS+=("$CPID")
sleep $((SECS / 2))
after=$(heap_mb)
wait "$CPID" || true
cat "$OUT/p4-clients.txt" | grep -v "reached" ; grep "reached" "$OUT/p4-clients.txt" | tail -3
tail -2 "$OUT/p4-server.txt"
echo "P4 server heap after GC: before clients ${before} MB, with clients ${after} MB" \
  "=> $(echo "($after - $before) * 1024 / $CLIENTS" | bc -l | xargs printf '%.2f') KB per client (target <= 20)"

#!/usr/bin/env bash
# R1 drill: `kill -9` of the watchdog mid-run, then restart on the same data directory.
# Runs `demo` with its default scenario (outages in the first minutes) and alerts to a local SMTP sink;
# after RUN_S seconds counts what is committed (probe results, incidents, transitions, grades, alerts),
# kills the JVM with SIGKILL, restarts it, and after AFTER_S seconds checks that every count is at least
# what it was, no alert was sent twice (Message-IDs and the outbox), and the board came back.
#   bench/faults/r1-kill9.sh [RUN_S=100] [AFTER_S=60]
source "$(dirname "$0")/../lib.sh"
need_jar
RUN_S=${1:-100}; AFTER_S=${2:-60}
command -v psql >/dev/null || { echo "R1 needs psql (apt-get install postgresql-client)"; exit 1; }
WORK=$(mktemp -d /tmp/dvc-r1.XXXXXX)
SMTP_PORT=$(free_port); PORT=$(free_port)
python3 "$BENCH_DIR/faults/smtp-sink.py" "$SMTP_PORT" "$WORK/mails.tsv" $((RUN_S + AFTER_S + 200)) &
PIDS+=("$!")
alerts_to_sink "$SMTP_PORT"
start_demo() {
  java -jar "$JAR" demo --port "$PORT" --data "$WORK/data" --sim-base-port 27000 >> "$WORK/demo.log" 2>&1 &
  DPID=$!; PIDS+=("$DPID")
  wait_http "http://127.0.0.1:$PORT/health/live" 120
}
counts() {
  demo_sql "$WORK/demo.log" "
    SELECT (SELECT count(*) FROM probe_result), (SELECT count(*) FROM incident),
           (SELECT count(*) FROM alert_outbox), (SELECT count(*) FROM alert_outbox WHERE state = 'sent')"
}
start_demo
sleep "$RUN_S"
read -r probes1 incidents1 alerts1 sent1 < <(counts)
echo "R1 before kill -9: probe results $probes1, incidents $incidents1, outbox rows $alerts1 (sent $sent1), mails received $(wc -l < "$WORK/mails.tsv" 2>/dev/null || echo 0)"
kill -9 "$DPID"; sleep 1
t0=$(date +%s.%N)
start_demo
t1=$(date +%s.%N)
sleep "$AFTER_S"
read -r probes2 incidents2 alerts2 sent2 < <(counts)
mails=$(wc -l < "$WORK/mails.tsv" 2>/dev/null || echo 0)
dup_mails=$(cut -f1,2 "$WORK/mails.tsv" 2>/dev/null | sort | uniq -d | wc -l)
board=$(curl -fsS "http://127.0.0.1:$PORT/api/v1/portals" | python3 -c 'import json,sys; a=json.load(sys.stdin); print(sum(1 for p in a if p.get("grade")))')
echo "R1 after restart ($(printf '%.1f' "$(echo "$t1 - $t0" | bc -l)") s to live): probe results $probes2, incidents $incidents2, outbox rows $alerts2 (sent $sent2), mails received $mails, graded portals $board"
ok=pass
[ "$probes2" -ge "$probes1" ] || ok=miss
[ "$incidents2" -ge "$incidents1" ] || ok=miss
[ "$alerts2" -ge "$alerts1" ] || ok=miss
[ "$dup_mails" -eq 0 ] || ok=miss
echo "R1 nothing committed lost, $dup_mails mails sent twice (same Message-ID to the same recipient): $ok"
kill "$DPID"; timeout 30 tail --pid="$DPID" -f /dev/null || true
rm -rf "$WORK"

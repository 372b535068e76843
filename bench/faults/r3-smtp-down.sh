#!/usr/bin/env bash
# R3 drill: the SMTP server is down for DOWN_S seconds (default 600) while the demo's scenario raises
# alerts, then comes back. Every alert must then be delivered, once, and in order for each recipient.
# The demo's alerts go to a port where nothing listens until the local SMTP sink starts on it.
# The backoff is the shipped one (5 s doubling to 10 min): the sender checks every 5 s whether a refusing
# server answers again and then sends what waits at once. (Two earlier runs set DVC_ALERTS_RETRY_MAX=60s,
# which the product did not read then: 79 of 80 and 80 of 82 arrived within 200 s, the rest still waited
# out a 5-minute backoff.) The per-recipient rate limit is lifted (DVC_ALERTS_RATEPERHOUR): with the
# default 20 an hour, the national copy of 80 alerts waits its turn by design, which the first run showed.
#   bench/faults/r3-smtp-down.sh [DOWN_S=600] [AFTER_S=120]
source "$(dirname "$0")/../lib.sh"
need_jar
DOWN_S=${1:-600}; AFTER_S=${2:-120}
command -v psql >/dev/null || { echo "R3 needs psql (apt-get install postgresql-client)"; exit 1; }
WORK=$(mktemp -d /tmp/dvc-r3.XXXXXX)
SMTP_PORT=$(free_port); PORT=$(free_port)
alerts_to_sink "$SMTP_PORT"
export DVC_ALERTS_RATEPERHOUR=10000
java -jar "$JAR" demo --port "$PORT" --data "$WORK/data" --sim-base-port 28000 > "$WORK/demo.log" 2>&1 &
DPID=$!; PIDS+=("$DPID")
wait_http "http://127.0.0.1:$PORT/health/live" 120
sql() { demo_sql "$WORK/demo.log" "$1"; }
echo "R3 SMTP down for ${DOWN_S} s (nothing listens on 127.0.0.1:$SMTP_PORT)"
sleep "$DOWN_S"
read -r rows sent < <(sql "SELECT count(*), count(*) FILTER (WHERE state = 'sent') FROM alert_outbox WHERE state <> 'suppressed'")
backlog=$(curl -fsS "http://127.0.0.1:$PORT/health/ready" | python3 -c 'import json,sys; print(json.load(sys.stdin)["checks"]["smtp"]["backlog"])')
echo "R3 at the end of the outage: $rows alerts in the outbox, $sent sent, readiness backlog $backlog"
t0=$(date +%s)
python3 "$BENCH_DIR/faults/smtp-sink.py" "$SMTP_PORT" "$WORK/mails.tsv" $((AFTER_S + 60)) &
PIDS+=("$!")
# Wait until every alert raised before the server came back is sent (or AFTER_S passes).
for _ in $(seq 1 "$AFTER_S"); do
  left=$(sql "SELECT count(*) FROM alert_outbox WHERE state IN ('pending', 'sending') AND created_at < to_timestamp($t0)")
  [ "$left" -eq 0 ] && break
  sleep 1
done
t1=$(date +%s)
read -r rows2 sent2 < <(sql "SELECT count(*), count(*) FILTER (WHERE state = 'sent') FROM alert_outbox
  WHERE created_at < to_timestamp($t0) AND state <> 'suppressed'")
mails=$(wc -l < "$WORK/mails.tsv" 2>/dev/null || echo 0)
dup=$(cut -f1,2 "$WORK/mails.tsv" 2>/dev/null | sort | uniq -d | wc -l)
# Order: for each recipient, the mails arrived in the order the alerts were raised (outbox id).
sql "SELECT message_id, recipient, id FROM alert_outbox WHERE state = 'sent'" > "$WORK/ids.txt"
out_of_order=$(python3 - "$WORK/mails.tsv" "$WORK/ids.txt" <<'PY'
import sys, collections
ids = {}
for line in open(sys.argv[2]):
    if line.strip():
        mid, rcpt, i = line.split()
        ids[(mid.strip("<>"), rcpt)] = int(i)
last = collections.defaultdict(int); bad = 0
for line in open(sys.argv[1], encoding="utf-8"):
    mid, to = line.split("\t")[:2]
    for r in to.split(","):
        i = ids.get((mid.strip("<>"), r), 0)
        if i < last[r]: bad += 1
        last[r] = max(last[r], i)
print(bad)
PY
)
echo "R3 after the server returned: $sent2 of $rows2 alerts raised during the outage sent within $((t1 - t0)) s; mails received $mails, sent twice $dup, out of order $out_of_order"
ok=pass
[ "$sent2" -eq "$rows2" ] || ok=miss
[ "$dup" -eq 0 ] || ok=miss
[ "$out_of_order" -eq 0 ] || ok=miss
# When the mails arrived, counted from the server's return: the spread shows a backoff wait or a slow chain.
awk -F'\t' -v t0="$t0" 'NF >= 4 {d = $4 - t0; if (n == 0 || d < lo) lo = d; if (d > hi) hi = d; n++}
  END {if (n) printf "R3 mails arrived from %.1f s to %.1f s after the server returned\n", lo, hi}' "$WORK/mails.tsv" || true
echo "R3 every alert delivered after the outage, once, in order: $ok"
if [ "$ok" != pass ]; then
  echo "R3 undelivered rows (kept in $WORK):"
  sql "SELECT id, recipient, kind, state, attempts, created_at, next_attempt_at, lease_until, last_error FROM alert_outbox
       WHERE state IN ('pending', 'sending') AND created_at < to_timestamp($t0) ORDER BY id" | sed 's/^/    /'
  sql "SELECT recipient, count(*) FILTER (WHERE state = 'sent'), count(*) FROM alert_outbox
       WHERE created_at < to_timestamp($t0) AND state <> 'suppressed' GROUP BY recipient ORDER BY 3 DESC" | sed 's/^/    /'
fi
kill "$DPID"; timeout 30 tail --pid="$DPID" -f /dev/null || true
[ "$ok" = pass ] && rm -rf "$WORK"
exit 0

#!/usr/bin/env bash
# C1/C2 drills of whole watchdog nodes (docs/CLUSTER.md): `demo --vantages 3` with a scenario of one outage (Hải
# Phòng refuses connections from every vantage for OUTAGE_S seconds from OUTAGE_AT seconds after the fleet started)
# and alerts to a local SMTP sink. The nodes start one at a time (minutes on a loaded machine): the outage must
# begin after all three are up, or the incident is opened and closed before the drill can kill its leader (the
# demo's own scenario, Hải Phòng from 20 s, was over before the third node answered at load average 30).
#   kill (default): once Hải Phòng's incident is open, `kill -9` of the leader: a survivor must lead within 15 s;
#   freeze: once it is open, SIGSTOP of the leader for FREEZE_S seconds, then SIGCONT.
# After the outage has ended (AFTER_S), checks: one incident for Hải Phòng, opened once and closed once; one DOWN
# transition; every mail received once (Message-ID and recipient); no outbox row left undelivered. And the event
# streams (curl -N, started just before the leader's death): each survivor's client (every event) is one unbroken
# stream, every id one above the one before but for the one jump of the leader change, with the next leader's
# events in it; a board's client of the old leader (?probes=0) moves to the survivor that does not lead, with the
# Last-Event-ID it had read, and gets exactly what that survivor's own client got after it (sse-continuity.py).
# With VPP=k in the environment the nodes spread the fleet (probe.vantagesPerPortal: k, docs/CLUSTER.md); PORTALS=N
# simulates the first N portals of the fleet only (N >= 40: Hải Phòng is the 40th), for a quick try.
# Ends with one line: "C1 summary: … pass|miss" (and exit code 1 on a miss).
#   [PORT=8351 SIM_BASE=30600] [VPP=k] [PORTALS=N] [OUTAGE_AT=240] [OUTAGE_S=120] \
#     bench/faults/c1-cluster-kill9.sh [kill|freeze] [AFTER_S=150] [FREEZE_S=12]
source "$(dirname "$0")/../lib.sh"
need_jar
MODE=${1:-kill}; AFTER_S=${2:-150}; FREEZE_S=${3:-12}; OUTAGE_AT=${OUTAGE_AT:-240}; OUTAGE_S=${OUTAGE_S:-120}
command -v psql >/dev/null || { echo "C1 needs psql (apt-get install postgresql-client)"; exit 1; }
WORK=$(mktemp -d /tmp/dvc-c1.XXXXXX); SSE_PIDS=()
SMTP_PORT=$(free_port); PORT=${PORT:-$(free_low_port)}; SIM_BASE=${SIM_BASE:-28500}
python3 "$BENCH_DIR/faults/smtp-sink.py" "$SMTP_PORT" "$WORK/mails.tsv" $((AFTER_S + 400)) &
PIDS+=("$!")
alerts_to_sink "$SMTP_PORT"   # inherited by the three node processes
# The per-recipient rate limit (20 an hour) is lifted, as in the R3 drill: the demo fleet's certificate and budget
# alerts alone reach it for the national copy within minutes, and the rows it holds back would count as undelivered
# (a run of 2026-12-04: 20 mails to the national copy, 3 rows waiting their turn, a "miss" that was not the failover's).
export DVC_ALERTS_RATEPERHOUR=10000
if [ -n "${VPP:-}" ]; then export DVC_PROBE_VANTAGESPERPORTAL=$VPP; fi
printf 'events:\n  - {at: %ss, portal: hai-phong, mode: refused, for: %ss}\n' "$OUTAGE_AT" "$OUTAGE_S" > "$WORK/c1.yaml"
started=$(date +%s)
java -jar "$JAR" demo --vantages 3 --port "$PORT" --sim-base-port "$SIM_BASE" --data "$WORK/data" \
  --scenario "$WORK/c1.yaml" ${PORTALS:+--portals "$PORTALS"} > "$WORK/launcher.log" 2>&1 &
LPID=$!; PIDS+=("$LPID")
sql() { demo_sql "$WORK/launcher.log" "$1"; }
leader_index() {
  for i in 0 1 2; do read -r role _ < <(cluster_role $((PORT + i))) || true; [ "${role:-}" = leader ] && { echo "$i"; return; }; done
}
wait_nodes "$LPID" "$PORT" 3 || { tail -5 "$WORK/launcher.log"; exit 1; }
up=$(( $(date +%s) - started ))
[ "$up" -lt "$OUTAGE_AT" ] || { echo "C1 summary: the three nodes were up only after ${up} s, after the outage began (OUTAGE_AT=${OUTAGE_AT}): run again with a larger OUTAGE_AT: miss"; exit 1; }
echo "C1: three nodes up after ${up} s; Hai Phong refuses from ${OUTAGE_AT} s for ${OUTAGE_S} s"
for _ in $(seq 1 $(( (OUTAGE_AT - up + 120) * 2 ))); do
  n=$(sql "SELECT count(*) FROM incident WHERE portal_id = 'hai-phong' AND ended_at IS NULL" 2>/dev/null || echo 0)
  [ "$n" = 1 ] && break; sleep 0.5
done
[ "$n" = 1 ] || { echo "C1: Hải Phòng's incident never opened (see $WORK)"; exit 1; }
old=$(leader_index); read -r _ victim < <(cluster_role $((PORT + old)))
# the event streams: every event from each node, and a board's stream (?probes=0) on the leader, which will move
for i in 0 1 2; do
  curl -sN --max-time $((AFTER_S + FREEZE_S + 120)) "http://127.0.0.1:$((PORT + i))/api/v1/events" \
    > "$WORK/sse-n$((i + 1)).txt" 2>/dev/null &
  PIDS+=("$!"); SSE_PIDS+=("$!")
done
curl -sN --max-time $((AFTER_S + FREEZE_S + 120)) "http://127.0.0.1:$((PORT + old))/api/v1/events?probes=0" \
  > "$WORK/sse-board.txt" 2>/dev/null &
BOARD=$!; PIDS+=("$BOARD")
for _ in $(seq 1 200); do
  all=1; for f in "$WORK"/sse-n[123].txt "$WORK/sse-board.txt"; do grep -q '^id: ' "$f" 2>/dev/null || all=0; done
  [ "$all" = 1 ] && break; sleep 0.1
done
t0=$(date +%s.%N)
if [ "$MODE" = freeze ]; then kill -STOP "$victim"; else kill -9 "$victim"; fi
next=""
for _ in $(seq 1 600); do
  for i in 0 1 2; do [ "$i" = "$old" ] && continue; read -r role _ < <(cluster_role $((PORT + i))) || true; [ "${role:-}" = leader ] && next=$i; done
  [ -n "$next" ] && break; sleep 0.05
done
t1=$(date +%s.%N)
[ -n "$next" ] || { echo "C1: no new leader within 30 s (see $WORK)"; exit 1; }
elect=$(echo "$t1 - $t0" | bc -l)
printf 'C1 %s of the leader (node %d, pid %s) mid-incident: node %d leads after %.1f s\n' "$MODE" "$((old + 1))" "$victim" \
  "$((next + 1))" "$elect"
# the board's client moves to the survivor that does not lead (a frozen node's stream is given up by the client)
kill "$BOARD" 2>/dev/null || true; timeout 10 tail --pid="$BOARD" -f /dev/null || true
since=$(grep '^id: ' "$WORK/sse-board.txt" | tail -1 | cut -d' ' -f2)
for i in 0 1 2; do [ "$i" != "$old" ] && [ "$i" != "$next" ] && onto=$i; done
curl -sN --max-time $((AFTER_S + FREEZE_S + 60)) -H "Last-Event-ID: ${since:-0}" \
  "http://127.0.0.1:$((PORT + onto))/api/v1/events?probes=0" > "$WORK/sse-moved.txt" 2>/dev/null &
PIDS+=("$!"); SSE_PIDS+=("$!")
if [ "$MODE" = freeze ]; then sleep "$FREEZE_S"; kill -CONT "$victim"; fi
sleep "$AFTER_S"
for p in "${SSE_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
survivors=(); for i in 0 1 2; do [ "$i" != "$old" ] && survivors+=("$WORK/sse-n$((i + 1)).txt"); done
sse=$(python3 "$BENCH_DIR/faults/sse-continuity.py" "$(echo "$t0 * 1000 / 1" | bc)" hai-phong "${since:-0}" \
  "$WORK/sse-moved.txt" "$WORK/sse-n$((onto + 1)).txt" "${survivors[@]}" || true)
echo "C1 $sse"
read -r incidents closed < <(sql "SELECT count(*), count(ended_at) FROM incident WHERE portal_id = 'hai-phong'")
downs=$(sql "SELECT count(*) FROM status_transition WHERE portal_id = 'hai-phong' AND to_status = 'DOWN'")
left=$(sql "SELECT count(*) FROM alert_outbox WHERE state IN ('pending', 'sending')")
mails=$(wc -l < "$WORK/mails.tsv" 2>/dev/null || echo 0)
dups=$(cut -f1,2 "$WORK/mails.tsv" 2>/dev/null | sort | uniq -d | wc -l)
echo "C1 Hải Phòng: $incidents incident(s), $closed closed, $downs DOWN transition(s); $mails mails, $dups sent twice; $left outbox rows undelivered"
ok=pass
[ "$incidents" = 1 ] && [ "$closed" = 1 ] && [ "$downs" = 1 ] && [ "$dups" = 0 ] && [ "$left" = 0 ] || ok=miss
echo "C1 incident neither lost nor reopened, every alert once: $ok"
case "$sse" in *": pass") sse_ok=pass ;; *) sse_ok=miss; ok=miss ;; esac
kill "$LPID"; timeout 60 tail --pid="$LPID" -f /dev/null || true
if [ "$ok" = pass ]; then rm -rf "$WORK"; else echo "C1: the logs and event streams are in $WORK"; fi
printf 'C1 summary: %s of the leader -> next leader after %.1f s; %s incident(s), %s closed, %s DOWN transition(s), %s mails, %s twice, %s undelivered; event streams %s: %s (load average %s)\n' \
  "$MODE" "$elect" "$incidents" "$closed" "$downs" "$mails" "$dups" "$left" "$sse_ok" "$ok" "$(cut -d' ' -f1-3 /proc/loadavg)"
[ "$ok" = pass ]

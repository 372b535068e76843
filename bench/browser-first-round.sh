#!/usr/bin/env bash
# The demo's first browser round (docs/BROWSER.md, "Rounds"; results in docs/PERFORMANCE.md): how long until the
# board has browser figures for every simulated portal.
#
# Starts `demo` as a user would (the default fleet of 83 portals, the default scenario, the browser room with its
# defaults: concurrency 1, the hour-long interval, whose first round the demo packs), then reads the ranking the
# board reads (/api/v1/portals) every 30 s and prints the elapsed time, how many portals have a browser result
# (the homepage's, or the eForm page's until the homepage has one: what the board's LCP column shows), how many
# have both pages, the outcomes so far, and the load average. A portal whose page could not load (down, refused)
# still counts: the board shows how its load ended and why (outcome and cause), never a blank. Ends when every
# portal has both pages, or after LIMIT seconds; then lists every portal whose latest runs did not end `ok`, with
# the cause, and prints when every portal first had a result.
#
#   bench/browser-first-round.sh [LIMIT_SECONDS]     (default 3600)
#   PORTALS=8 bench/browser-first-round.sh 600       a quick correctness run on a smaller fleet
#   SCENARIO=none                                    no scripted outages (default: the demo's own scenario)
source "$(dirname "$0")/lib.sh"
need_jar
LIMIT=${1:-3600}
PORT=${PORT:-$(free_port)}
SIMPORT=${SIMPORT:-$(free_low_port)}
DATA=$(mktemp -d /tmp/dvc-first-round.XXXXXX)
ARGS=(demo --port "$PORT" --data "$DATA" --sim-base-port "$SIMPORT")
[ -n "${PORTALS:-}" ] && ARGS+=(--portals "$PORTALS")
[ -n "${SCENARIO:-}" ] && ARGS+=(--scenario "$SCENARIO")

START=$(date +%s)
DVC_BROWSER_ENABLED=true java -jar "$JAR" "${ARGS[@]}" > "$OUT/browser-first-round.log" 2>&1 &
PIDS+=("$!")
wait_http "http://127.0.0.1:$PORT/health/live" 300
echo "demo up after $(( $(date +%s) - START )) s (port $PORT); load average $(cut -d' ' -f1-3 /proc/loadavg)"

poll() {  # prints: total with_result both_pages outcomes...
  curl -fsS --max-time 20 "http://127.0.0.1:$PORT/api/v1/portals" | python3 -c '
import json, sys, collections
rows = json.load(sys.stdin)
rows = rows["portals"] if isinstance(rows, dict) else rows
anyp = both = 0
outcomes = collections.Counter()
for r in rows:
    b = r.get("browser") or {}
    h, e = b.get("homepage"), b.get("eform")
    if h or e:
        anyp += 1
        outcomes[(h or e)["outcome"]] += 1
    if h and e:
        both += 1
print(len(rows), anyp, both, " ".join(f"{k}={v}" for k, v in sorted(outcomes.items())) or "-")
'
}

ALL_AT=""
while :; do
  now=$(( $(date +%s) - START ))
  if read -r total anyp both outcomes < <(poll); then
    printf '%6d s  results %3d/%d  both pages %3d/%d  [%s]  load %s\n' "$now" "$anyp" "$total" "$both" "$total" "$outcomes" \
      "$(cut -d' ' -f1-3 /proc/loadavg)"
    [ -z "$ALL_AT" ] && [ "$anyp" -eq "$total" ] && ALL_AT=$now
    [ "$both" -eq "$total" ] && break
  else
    echo "$now s  the ranking did not answer"
  fi
  [ "$now" -ge "$LIMIT" ] && { echo "stopped at the limit of $LIMIT s"; break; }
  sleep 30
done

echo
echo "portals whose latest browser runs did not end ok (what the board shows: outcome, and the cause in its title):"
curl -fsS --max-time 20 "http://127.0.0.1:$PORT/api/v1/portals" | python3 -c '
import json, sys
rows = json.load(sys.stdin)
rows = rows["portals"] if isinstance(rows, dict) else rows
n = 0
for r in rows:
    pid, pages = r.get("id"), r.get("browser") or {}
    for t, run in sorted(pages.items()):
        if run and run.get("outcome") != "ok":
            n += 1
            print("  %-32s %-8s %-18s %s" % (pid, t, run.get("outcome"), run.get("cause")))
    if not any(pages.values()):
        n += 1
        print("  %-32s no browser result yet" % pid)
print(f"  ({n} page(s))")
'
echo
if [ -n "$ALL_AT" ]; then
  echo "every portal had a browser result after $ALL_AT s (demo start included); load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
else
  echo "NOT every portal had a browser result within $LIMIT s; load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
fi
cleanup
rm -rf "$DATA"

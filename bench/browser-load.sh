#!/usr/bin/env bash
# Browser room cost and agreement (docs/BROWSER.md, results in docs/PERFORMANCE.md).
#
#  1. Cost: a demo of N portals (default 20) with browser.interval set so that one round of 2N pages takes
#     WINDOW seconds (default 600), concurrency 1. While it runs, the browser's processes (user nobody when
#     run as root, profile dvc-browser-*) are sampled every second: CPU-seconds (utime+stime from /proc)
#     and memory (sum of PSS). Prints CPU-seconds per load, peak memory, mean load wall time (from
#     dvc_browser_load_seconds), and portals per hour at concurrency 1.
#  2. Agreement with Lighthouse (only if `npx` can run lighthouse with CHROME_PATH=/usr/bin/chromium): the
#     lab pages of one simulated portal (large image, late shift, slow script) through `check --browser
#     --json` and through Lighthouse 12.2.3 with the same method (no throttling: --throttling-method=provided)
#     and the same mobile screen; prints FCP, LCP, CLS from both and the difference in percent (target: 10 %).
#
#   bench/browser-load.sh [PORTALS] [WINDOW_SECONDS]
source "$(dirname "$0")/lib.sh"
need_jar
PORTALS=${1:-20}
WINDOW=${2:-600}
PAGES=$((PORTALS * 2))
PORT=$(free_port)
DATA=$(mktemp -d /tmp/dvc-browser-bench.XXXXXX)

DVC_BROWSER_INTERVAL="${WINDOW}s" DVC_BROWSER_DEADLINE=45s DVC_BROWSER_CONCURRENCY=1 \
  java -jar "$JAR" demo --port "$PORT" --data "$DATA" --portals "$PORTALS" --sim-base-port 23000 \
  > "$OUT/browser-demo.log" 2>&1 &
PIDS+=("$!")
wait_http "http://127.0.0.1:$PORT/health/live" 120

browser_pids() {  # the browser's processes: their command lines name the dvc-browser- profile
  grep -l -a "dvc-browser-" /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3 || true
}
cpu_ticks() {     # utime+stime of the browser's processes, in clock ticks
  local sum=0 p
  for p in $(browser_pids); do
    set -- $(cut -d' ' -f14,15 "/proc/$p/stat" 2>/dev/null || echo "0 0")
    sum=$((sum + $1 + $2))
  done
  echo "$sum"
}
pss_kb() {
  local sum=0 p v
  for p in $(browser_pids); do
    v=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    sum=$((sum + ${v:-0}))
  done
  echo "$sum"
}

HZ=$(getconf CLK_TCK)
ticks=0; last=0; peak=0; seen=""
end=$(( $(date +%s) + WINDOW + 60 ))
while [ "$(date +%s)" -lt "$end" ]; do
  # Processes come and go (restarts): add each sample's growth, counting a drop as a new browser.
  now=$(cpu_ticks)
  if [ "$now" -ge "$last" ]; then ticks=$((ticks + now - last)); else ticks=$((ticks + now)); fi
  last=$now
  m=$(pss_kb); [ "$m" -gt "$peak" ] && peak=$m
  sleep 1
done
METRICS=$(curl -fsS "http://127.0.0.1:$PORT/metrics")
runs=$(echo "$METRICS" | awk '/^dvc_browser_runs_total/ {s += $2} END {print s + 0}')
sum=$(echo "$METRICS" | awk '/^dvc_browser_load_seconds_sum/ {print $2}')
echo "browser: $runs loads of $PAGES pages in ${WINDOW}s + 60s"
echo "$METRICS" | grep '^dvc_browser_runs_total' || true
if [ "${runs%.*}" -gt 0 ]; then
  python3 - "$runs" "$sum" "$ticks" "$HZ" "$peak" <<'PY'
import sys
runs, wall, ticks, hz, peak = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
cpu = ticks / hz
print(f"CPU-seconds per load (browser processes): {cpu / runs:.2f}")
print(f"mean wall time per load: {wall / runs:.2f} s")
print(f"peak browser memory (PSS): {peak / 1024:.0f} MB")
print(f"portals per hour at concurrency 1 (2 pages each): {3600 / (wall / runs) / 2:.0f}")
PY
fi

# 2. Lighthouse, on the lab pages of the first simulated HTTPS portal with a valid certificate.
if ! command -v npx > /dev/null; then echo "lighthouse: npx not found, comparison skipped"; exit 0; fi
SIM="$DATA/sim"
HOSTS="$SIM/hosts"
BASE=$(python3 - "$SIM/manifest.json" <<'PY'
import json, sys
for p in json.load(open(sys.argv[1]))["portals"]:
    u = p.get("urls", {}).get("homepage", "")
    tls = p.get("posture", {}).get("tls") or {}
    if u.startswith("https://") and str(tls.get("certificate", "")).lower() == "valid":
        print(u.rstrip("/")); break
PY
)
[ -n "$BASE" ] || { echo "lighthouse: no HTTPS portal with a valid certificate in the manifest"; exit 0; }
SPKI=$(openssl x509 -in "$SIM/ca.pem" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)
RULES=$(awk '!/^#/ && NF >= 2 {printf "%sMAP %s %s", sep, $2, $1; sep=","}' "$HOSTS")
FLAGS="--headless --no-sandbox --disable-gpu --host-resolver-rules=$RULES --ignore-certificate-errors-spki-list=$SPKI"
printf '%-16s %8s %8s %8s | %8s %8s %8s\n' page fcp lcp cls lh-fcp lh-lcp lh-cls
for page in anh-lon dich-chuyen kich-ban-cham; do
  url="$BASE/phong-thu/$page"
  ours=$(java -jar "$JAR" check "$url" --browser --json --ca "$SIM/ca.pem" --hosts "$HOSTS" 2>/dev/null || true)
  CHROME_PATH=/usr/bin/chromium timeout 180 npx -y lighthouse@12.2.3 "$url" --quiet --only-categories=performance \
    --throttling-method=provided --output=json --output-path="$OUT/lh-$page.json" --chrome-flags="$FLAGS" \
    > /dev/null 2>&1 || { echo "$page: lighthouse failed (see npx output)"; continue; }
  python3 - "$page" "$OUT/lh-$page.json" <<PY
import json, sys
ours = json.loads('''$ours''' or '{}').get("browser", {})
lh = json.load(open(sys.argv[2]))["audits"]
their = {"fcp": lh["first-contentful-paint"]["numericValue"], "lcp": lh["largest-contentful-paint"]["numericValue"],
         "cls": lh["cumulative-layout-shift"]["numericValue"]}
def pct(a, b):
    return "n/a" if a is None or not b else f"{100 * (a - b) / b:+.0f}%"
print(f"{sys.argv[1]:<16} {ours.get('fcp')!s:>8} {ours.get('lcp')!s:>8} {ours.get('cls')!s:>8} | "
      f"{their['fcp']:8.0f} {their['lcp']:8.0f} {their['cls']:8.3f}   diff fcp {pct(ours.get('fcp'), their['fcp'])}"
      f" lcp {pct(ours.get('lcp'), their['lcp'])} cls {pct(ours.get('cls'), their['cls'])}")
PY
done
rm -rf "$DATA"

#!/usr/bin/env bash
# P6: storage. Batched probe-result writes (a burst, then a sustained paced rate) and the 30-day SLA
# table for the whole fleet over 30 days of data at a 30 s interval, on embedded PostgreSQL in a fresh
# data directory that is removed afterwards. Every part is bounded; figures are printed as "P6 ..." lines.
#   bench/store.sh [ROWS=500000] [RATE=10000] [SECONDS=30] [PORTALS=83] [DAYS=30] [RUNS=20]
# Full scale (83 portals x 2 targets x 30 days at 30 s = 14.3 M rows) needs about 4.5 GB of disk in /tmp.
source "$(dirname "$0")/lib.sh"
ROWS=${1:-500000}; RATE=${2:-10000}; SECONDS_=${3:-30}; PORTALS=${4:-83}; DAYS=${5:-30}; RUNS=${6:-20}
need_jar
(cd "$ROOT" && mvn -o -q -B test-compile)
DATA=$(mktemp -d /tmp/dvc-p6.XXXXXX)
echo "P6 machine: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
trap 'rm -rf "$DATA"; cleanup' EXIT
timeout 1800 java -Xmx2g -cp "$JAR:$ROOT/target/test-classes" vn.dvcwatch.store.bench.StoreBench \
  "$DATA" "$ROWS" "$RATE" "$SECONDS_" "$PORTALS" "$DAYS" "$RUNS" > "$OUT/p6-store.log" 2>&1 || {
  echo "P6 bench failed, see $OUT/p6-store.log" >&2; tail -20 "$OUT/p6-store.log" >&2; exit 1; }
grep "^P6" "$OUT/p6-store.log" | tee "$OUT/p6-store.txt"
echo "P6 machine: load average after: $(cut -d' ' -f1-3 /proc/loadavg); data directory $(du -sh "$DATA" | cut -f1)"

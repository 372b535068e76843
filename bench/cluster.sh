#!/usr/bin/env bash
# Cluster benchmark (docs/CLUSTER.md), on `demo --vantages 3`: three watchdog processes on this machine, one
# simulated fleet and one embedded PostgreSQL in the launcher.
#  1. Throughput: the fleet's probes per CPU-second of the whole cluster (the three nodes' CPU; the launcher's
#     simulated fleet and PostgreSQL stand for other machines and are reported apart), over RUN_S seconds after
#     WARM_S seconds of warm-up.
#  2. Failover: kill -9 of the leader; the time until a survivor says it leads (/health/ready), and until it
#     decides (that moment plus the settle delay the new leader logs: "deciding in N ms").
# With VPP=k in the environment the nodes spread the fleet (probe.vantagesPerPortal: k, docs/CLUSTER.md): each
# portal is probed from k vantages instead of all three.
# Ends with one line: "cluster summary: …" (throughput, failover, load average).
#   [PORT=8351 SIM_BASE=30600] [VPP=k] bench/cluster.sh [PORTALS=83] [WARM_S=60] [RUN_S=120]
source "$(dirname "$0")/lib.sh"
need_jar
PORTALS=${1:-83}; WARM_S=${2:-60}; RUN_S=${3:-120}
if [ -n "${VPP:-}" ]; then export DVC_PROBE_VANTAGESPERPORTAL=$VPP; fi   # inherited by the three node processes
WORK=$(mktemp -d /tmp/dvc-cluster.XXXXXX)
PORT=${PORT:-$(free_low_port)}; SIM_BASE=${SIM_BASE:-28000}
java -jar "$JAR" demo --vantages 3 --portals "$PORTALS" --port "$PORT" --sim-base-port "$SIM_BASE" --data "$WORK/data" \
  --scenario none > "$WORK/launcher.log" 2>&1 &
LPID=$!; PIDS+=("$LPID")

probes() { curl -s --max-time 5 "http://127.0.0.1:$1/metrics" | awk '/^dvc_probes_total\{/ {s += $2} END {print s + 0}'; }

wait_nodes "$LPID" "$PORT" 3 || { tail -5 "$WORK/launcher.log"; exit 1; }
leader=""
for _ in $(seq 1 600); do
  for i in 0 1 2; do
    read -r role pid < <(cluster_role $((PORT + i))) || true
    [ "${role:-}" = leader ] && leader=$i
  done
  [ -n "$leader" ] && break
  sleep 0.2
done
[ -n "$leader" ] || { echo "cluster: no leader within 120 s (see $WORK)"; exit 1; }
declare -a NODE_PID
for i in 0 1 2; do read -r _ NODE_PID[$i] < <(cluster_role $((PORT + i))); done
echo "cluster: 3 nodes up (pids ${NODE_PID[*]}, launcher $LPID), leader on port $((PORT + leader)); warming up ${WARM_S} s"
sleep "$WARM_S"

# 1. throughput
cpu0=0; p0=0
for i in 0 1 2; do cpu0=$(echo "$cpu0 + $(cpu_seconds "${NODE_PID[$i]}")" | bc -l); p0=$((p0 + $(probes $((PORT + i))))); done
lcpu0=$(cpu_seconds "$LPID")
sleep "$RUN_S"
cpu1=0; p1=0
for i in 0 1 2; do cpu1=$(echo "$cpu1 + $(cpu_seconds "${NODE_PID[$i]}")" | bc -l); p1=$((p1 + $(probes $((PORT + i))))); done
lcpu1=$(cpu_seconds "$LPID")
cpu=$(echo "$cpu1 - $cpu0" | bc -l); n=$((p1 - p0))
per_cpu=$(echo "$n / $cpu" | bc -l)
printf 'cluster throughput: %d probes in %d s by 3 nodes, %.1f CPU-s of the nodes: %.1f probes per CPU-second (launcher: fleet + PostgreSQL, %.1f CPU-s)\n' \
  "$n" "$RUN_S" "$cpu" "$per_cpu" "$(echo "$lcpu1 - $lcpu0" | bc -l)"

# 2. failover
victim=${NODE_PID[$leader]}
t0=$(date +%s.%N)
kill -9 "$victim"
next=""
for _ in $(seq 1 600); do
  for i in 0 1 2; do
    [ "$i" = "$leader" ] && continue
    read -r role _ < <(cluster_role $((PORT + i))) || true
    [ "${role:-}" = leader ] && next=$i
  done
  [ -n "$next" ] && break
  sleep 0.05
done
t1=$(date +%s.%N)
[ -n "$next" ] || { echo "cluster failover: no new leader within 30 s (see $WORK)"; exit 1; }
settle=$(grep -o 'deciding in [0-9]* ms' "$WORK/data/node$((next + 1)).log" | tail -1 | awk '{print $3}')
elect=$(echo "$t1 - $t0" | bc -l)
decide=$(echo "$elect + ${settle:-0} / 1000" | bc -l)
printf 'cluster failover: kill -9 of the leader (pid %s) -> node %d leads after %.1f s -> decides after %.1f s (settle %s ms)\n' \
  "$victim" "$((next + 1))" "$elect" "$decide" "${settle:-?}"

kill "$LPID"; timeout 60 tail --pid="$LPID" -f /dev/null || true
left=0
for i in 0 1 2; do
  kill -0 "${NODE_PID[$i]}" 2>/dev/null && { echo "cluster: node pid ${NODE_PID[$i]} still running after the launcher stopped"; left=$((left + 1)); } || true
done
rm -rf "$WORK"
printf 'cluster summary: %d portals x %s vantages each, %.1f probes per CPU-second of the 3 nodes; leader killed -> next leads after %.1f s, decides after %.1f s; %d node(s) left running; load average %s\n' \
  "$PORTALS" "${VPP:-3}" "$per_cpu" "$elect" "$decide" "$left" "$(cut -d' ' -f1-3 /proc/loadavg)"

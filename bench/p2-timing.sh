#!/usr/bin/env bash
# P2: timing accuracy with 200 probes in flight. The simulator delays every answer by exactly DELAY ms;
# the error is the measured TTFB minus that delay.
# Ports 5000-5399 on 127.0.0.1.
#   bench/p2-timing.sh [PORTALS=200] [ROUNDS=10] [DELAY_MS=100]
source "$(dirname "$0")/lib.sh"
need_jar
need_test_classes
# Twice: over HTTPS (the simulator's own server-side handshakes, on the same cores, delay its answers) and
# over plain HTTP (what is left is the watchdog's measurement error).
for scheme in https http; do
  java -Xmx1g -cp "$JAR:$ROOT/target/test-classes" vn.dvcwatch.bench.TimingAccuracyBench \
    "${1:-200}" "${2:-10}" "${3:-100}" 5000 "$scheme" 2>"$OUT/p2-$scheme.log" | tee "$OUT/p2-$scheme.txt"
done

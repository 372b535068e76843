#!/usr/bin/env bash
# P2: timing accuracy with 200 probes in flight. The simulator delays every answer by exactly DELAY ms;
# the error is the measured TTFB minus that delay.
#   bench/p2-timing.sh [PORTALS=200] [ROUNDS=10] [DELAY_MS=100]
source "$(dirname "$0")/lib.sh"
need_jar
need_test_classes
java -Xmx1g -cp "$JAR:$ROOT/target/test-classes" vn.dvcwatch.bench.TimingAccuracyBench \
  "${1:-200}" "${2:-10}" "${3:-100}" 31000 2>"$OUT/p2.log" | tee "$OUT/p2.txt"

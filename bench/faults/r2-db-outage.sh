#!/usr/bin/env bash
# R2 at full length: the whole product on an external PostgreSQL that is stopped for SECONDS (default 60)
# and started again (app.DatabaseOutageDrillTest with -Ddrill.outageSeconds). The board must keep serving,
# readiness must say DEGRADED, results must queue and all of them be stored once the database is back.
#   bench/faults/r2-db-outage.sh [SECONDS=60]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECS=${1:-60}
mvn -q -B test -Dtest=DatabaseOutageDrillTest -Ddrill.outageSeconds="$SECS" -Dsurefire.failIfNoSpecifiedTests=false
grep -h '^R2' target/surefire-reports/vn.dvcwatch.app.DatabaseOutageDrillTest-output.txt

#!/usr/bin/env bash
# Start-up time of the production jar: builds it (unless BENCH_SKIP_BUILD=1), starts it RUNS times against a MySQL or
# MariaDB server (an empty database the first time: Liquibase creates the schema; the later starts find it), and
# prints Spring's "Started ShopApplication in N seconds" and the time until /readyz answers, each run.
#
#   STARTUP_DB_URL='jdbc:mysql://127.0.0.1:3306/shop_startup?useInformationSchema=false&sslMode=DISABLED' \
#   STARTUP_DB_USER=root STARTUP_DB_PASSWORD= bench/startup.sh
#
# The Stripe keys are placeholders (start-up calls nothing); only loopback addresses are used.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-18090}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-18091}"
RUNS="${RUNS:-3}"
HEAP="${BENCH_XMX:-512m}"
: "${STARTUP_DB_URL:?a JDBC URL of a database the run may create tables in}"
OUT=target/bench/startup
mkdir -p "$OUT"

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -DskipTests package > "$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
fi
JAR=$(ls target/*.jar | grep -v -e '-plain' -e 'sources' | head -1)

for run in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  SPRING_DATASOURCE_URL="$STARTUP_DB_URL" SPRING_DATASOURCE_USERNAME="${STARTUP_DB_USER:-root}" \
  SPRING_DATASOURCE_PASSWORD="${STARTUP_DB_PASSWORD:-}" \
  SHOP_JWT_SECRET="startup-measurement-key-0123456789abcdefghijklmnop" \
  STRIPE_SECRET_KEY=sk_test_startup STRIPE_PUBLISHABLE_KEY=pk_test_startup STRIPE_WEBHOOK_SECRET=whsec_startup \
    java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" \
    --management.server.address=127.0.0.1 --management.server.port="$MANAGEMENT_PORT" > "$OUT/app-$run.log" 2>&1 &
  APP=$!
  ready=""
  for i in $(seq 1 1200); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/readyz" 2>/dev/null; then ready=$(( ($(date +%s%N) - start) / 1000000 )); break; fi
    if ! kill -0 $APP 2>/dev/null; then tail -40 "$OUT/app-$run.log"; exit 1; fi
    sleep 0.1
  done
  kill $APP; wait $APP 2>/dev/null || true
  started=$(grep -o 'Started ShopApplication in [0-9.]* seconds' "$OUT/app-$run.log" | head -1)
  echo "run $run: $started; /readyz answered after ${ready:-?} ms (load $(cut -d' ' -f1 /proc/loadavg))" | tee -a "$OUT/results.txt"
done

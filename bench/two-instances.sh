#!/usr/bin/env bash
# Two instances against one: the dev run (as bench/run.sh starts it, from the test classpath) on one database of
# the machine's MariaDB (127.0.0.1:3306, a database of its own, dropped at the end), with Redis and RabbitMQ
# when they answer, behind HAProxy (round robin). Measures the public catalog reads (wrk) and checkouts
# (CheckoutBench) through HAProxy with instance A alone, then with A and B, and prints two/one for each.
# It reports numbers and asserts nothing; it is not part of ./mvnw verify.
#
#   bench/two-instances.sh                          # about 4 minutes on 2 cores
#   DURATION=5s WARMUP=3s CHECKOUTS=200 bench/two-instances.sh   # a smoke run
#   BENCH_SKIP_BUILD=1 bench/two-instances.sh       # reuse target/classes, target/test-classes, target/bench-cp.txt
#
# On one host both instances, the database, HAProxy and the load generator share the same cores: the ratio
# says what a second instance costs or buys on that host (HAProxy's own hop is in both), not what a second
# machine would bring. Compare ratios of runs made one after the other on a quiet host.
# Ports (127.0.0.1): HAProxy BENCH_LB_PORT (19440), A 19441/19442 and B 19443/19444 (API/Actuator).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

LB_PORT="${BENCH_LB_PORT:-19440}"
A_PORT=$((LB_PORT + 1))
B_PORT=$((LB_PORT + 3))
LB="http://127.0.0.1:$LB_PORT"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-10s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
CHECKOUTS="${CHECKOUTS:-1000}"
CHECKOUT_CONCURRENCY="${CHECKOUT_CONCURRENCY:-16}"
HEAP="${BENCH_XMX:-512m}"
# seconds an instance may take to be ready (a start took 222 s on a 2-core host under a load average of 23)
STARTUP_TIMEOUT="${BENCH_STARTUP_TIMEOUT:-420}"
DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
DB_USER="${DB_USER:-root}"
DB_PASSWORD="${DB_PASSWORD:-}"
DB_NAME="${BENCH_DB_NAME:-shop_bench_two_$$}"
OUT=target/bench/two-instances
rm -rf "$OUT" && mkdir -p "$OUT"
CLIENT=$(command -v mariadb || command -v mysql)
sql() { MYSQL_PWD="$DB_PASSWORD" "$CLIENT" --protocol=TCP -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -N -B "$@"; }
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

bench_install_wrk
if ! command -v haproxy >/dev/null; then
  echo "installing haproxy (Debian package)"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq haproxy >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq haproxy >/dev/null; fi
fi
for port in "$LB_PORT" "$A_PORT" "$((A_PORT + 1))" "$B_PORT" "$((B_PORT + 1))"; do
  if answers "$port"; then echo "something already answers on port $port"; exit 1; fi
done
bench_build "$OUT"
CP=$(bench_classpath)

# the shared services of a several-instance deployment, when this machine runs them (a Redis key prefix of its own)
SHARED_ENV=()
PREFIX="shop-bench-two-$$"
answers 6379 && SHARED_ENV+=(SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=6379 SHOP_REDIS_KEY_PREFIX="$PREFIX")
answers 5672 && SHARED_ENV+=(SPRING_RABBITMQ_HOST=127.0.0.1 SPRING_RABBITMQ_PORT=5672)

A_PID=; B_PID=; LB_PID=
cleanup() {
  for pid in $LB_PID $B_PID $A_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if answers 6379; then redis-cli --scan --pattern "$PREFIX:*" 2>/dev/null | xargs -r -n 100 redis-cli del >/dev/null 2>&1 || true; fi
  sql -e "DROP DATABASE IF EXISTS \`$DB_NAME\`" || true
}
trap cleanup EXIT
sql -e "CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

# start_instance <name> <port>: sets LAST_PID; the dev run on the shared database (A loads the demo data, B finds it)
start_instance() {
  env "${SHARED_ENV[@]}" \
    SHOP_TEST_DATABASE_URL="jdbc:mysql://$DB_HOST:$DB_PORT/$DB_NAME?useInformationSchema=false&sslMode=DISABLED&allowPublicKeyRetrieval=true" \
    SHOP_TEST_DATABASE_USERNAME="$DB_USER" SHOP_TEST_DATABASE_PASSWORD="$DB_PASSWORD" \
    java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -Dshop.stripe-stand-in.no-journal=true ${BENCH_JAVA_OPTS:-} \
    -cp "$CP" com.example.shop.TestShopApplication \
    --server.address=127.0.0.1 --server.port="$2" \
    --management.server.address=127.0.0.1 --management.server.port="$(($2 + 1))" \
    --shop.tracing.enabled=false ${BENCH_APP_ARGS:-} > "$OUT/$1.log" 2>&1 &
  LAST_PID=$!
}
# balance <port...>: HAProxy (restarted) round robin over these instances
balance() {
  if [ -n "$LB_PID" ]; then kill "$LB_PID" 2>/dev/null || true; wait "$LB_PID" 2>/dev/null || true; fi
  { printf 'global\n    maxconn 4096\ndefaults\n    mode http\n    timeout connect 2s\n    timeout client 65s\n    timeout server 65s\n'
    printf 'frontend api\n    bind 127.0.0.1:%s\n    option forwardfor\n    default_backend shop\n' "$LB_PORT"
    printf 'backend shop\n    balance roundrobin\n'
    for port in "$@"; do printf '    server app-%s 127.0.0.1:%s\n' "$port" "$port"; done
  } > "$OUT/haproxy.cfg"
  haproxy -db -f "$OUT/haproxy.cfg" >> "$OUT/haproxy.log" 2>&1 &
  LB_PID=$!
  for _ in $(seq 1 40); do curl -fsS -o /dev/null "$LB/readyz" 2>/dev/null && return 0; sleep 0.25; done
  echo "HAProxy does not answer on $LB"; cat "$OUT/haproxy.log"; exit 1
}

declare -A RPS P99 ORDERS CHECKOUT_P99
# measure <label>: catalog reads and checkouts through HAProxy
measure() {
  local label=$1 name u
  local -a names=(products-default product-by-slug)
  local -a urls=("$LB/api/products" "$LB/api/products/$SLUG")
  for u in "${urls[@]}"; do
    curl -fsS -o /dev/null "$u"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$u" > /dev/null
  done
  for idx in "${!urls[@]}"; do
    name=${names[$idx]}
    wrk_measure "$OUT/wrk-$label-$name.txt" "${urls[$idx]}"
    RPS[$label-$name]=$WRK_RPS; P99[$label-$name]=$(to_ms "$WRK_P99")
    printf "%-5s %-18s %10s req/s  p50 %8s  p99 %8s  non-2xx %s   load %s\n" "$label" "$name" "$WRK_RPS" "$WRK_P50" \
      "$WRK_P99" "$WRK_NON2XX" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/results.txt"
  done
  java -cp "$CP" com.example.shop.bench.CheckoutBench "$LB" "$CHECKOUTS" "$CHECKOUT_CONCURRENCY" 200 20 plain \
    2>&1 | grep -v '^SLF4J' > "$OUT/checkout-$label.txt" || { cat "$OUT/checkout-$label.txt"; exit 1; }
  local result
  result=$(grep '^RESULT' "$OUT/checkout-$label.txt")
  ORDERS[$label]=$(sed -E 's/.*orders_per_s=([0-9.]+).*/\1/' <<<"$result")
  CHECKOUT_P99[$label]=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$result")
  printf "%-5s %-18s %10s orders/s  p99 %s ms   load %s\n" "$label" checkout "${ORDERS[$label]}" "${CHECKOUT_P99[$label]}" \
    "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/results.txt"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); shared services: ${SHARED_ENV[*]:-none}" | tee "$OUT/results.txt"
echo "starting A on 127.0.0.1:$A_PORT (-Xmx$HEAP), database $DB_NAME"
start_instance A "$A_PORT"; A_PID=$LAST_PID
bench_await_ready "http://127.0.0.1:$A_PORT" "$A_PID" "$OUT/A.log" "$STARTUP_TIMEOUT"
balance "$A_PORT"
SLUG=$(curl -fsS "$LB/api/products?size=1&sort=name" | sed -E 's/.*"slug":"([^"]+)".*/\1/')
echo "== one instance behind HAProxy: wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $CHECKOUTS checkouts at $CHECKOUT_CONCURRENCY"
measure one

echo "starting B on 127.0.0.1:$B_PORT"
start_instance B "$B_PORT"; B_PID=$LAST_PID
bench_await_ready "http://127.0.0.1:$B_PORT" "$B_PID" "$OUT/B.log" "$STARTUP_TIMEOUT"
balance "$A_PORT" "$B_PORT"
echo "== two instances behind HAProxy"
measure two

echo
echo "== two instances / one (same run; $(nproc) cores shared by both instances, MariaDB, HAProxy and the load) ==" | tee -a "$OUT/results.txt"
for name in products-default product-by-slug; do
  printf "%-18s req/s x%s  p99 x%s\n" "$name" "$(ratio "${RPS[two-$name]}" "${RPS[one-$name]}")" \
    "$(ratio "${P99[two-$name]}" "${P99[one-$name]}")" | tee -a "$OUT/results.txt"
done
printf "%-18s orders/s x%s  p99 x%s\n" checkout "$(ratio "${ORDERS[two]}" "${ORDERS[one]}")" \
  "$(ratio "${CHECKOUT_P99[two]}" "${CHECKOUT_P99[one]}")" | tee -a "$OUT/results.txt"
echo "results: $OUT/results.txt"

#!/usr/bin/env bash
# Shop API benchmark: starts the dev run (embedded MariaDB, demo catalog, Stripe stand-in) from the test
# classpath, warms it up, measures the public catalog reads with wrk against the cheapest Spring MVC
# endpoint of the app, drives checkouts with bench's CheckoutBench, and reports the heap.
# It reports numbers and asserts nothing; it is not part of ./mvnw verify.
#
#   bench/run.sh                 # everything (about 4 minutes on 2 cores)
#   DURATION=20s CONNECTIONS=32 CHECKOUTS=2000 bench/run.sh
#   BENCH_SKIP_BUILD=1 bench/run.sh   # reuse target/classes, target/test-classes and target/bench-cp.txt
#   BENCH_APP_ARGS='--shop.catalog.availability-ttl=0' bench/run.sh   # A/B a setting
#   BENCH_TRACING=on bench/run.sh     # tracing on: 10 % sampled, exported over OTLP to a local sink (OtlpSink)
#   BENCH_METRICS=off bench/run.sh    # no metrics and no observations at all: the floor they cost against
# Each configuration writes to target/bench/<metrics-…-tracing-…>/; compare the ratios of runs made one after
# the other on the same host.
#
# Only loopback traffic: the app binds to 127.0.0.1 and the load goes to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-18080}"
# Actuator's own port, explicitly: something else may listen on the default 8081 (a comparison app)
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-18081}"
OTLP_PORT="${BENCH_OTLP_PORT:-18318}"
BENCH_TRACING="${BENCH_TRACING:-off}"
BENCH_METRICS="${BENCH_METRICS:-on}"
BASE="http://127.0.0.1:${PORT}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-10s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
CHECKOUTS="${CHECKOUTS:-2000}"
CHECKOUT_CONCURRENCY="${CHECKOUT_CONCURRENCY:-16}"
HEAP="${BENCH_XMX:-512m}"
LABEL="metrics-${BENCH_METRICS}-tracing-${BENCH_TRACING}"
OUT="target/bench/$LABEL"
mkdir -p "$OUT"

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; fi
fi

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "building (test-compile + test classpath)"
  ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-cp.txt > "$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
fi
CP="target/test-classes:target/classes:$(cat target/bench-cp.txt)"

# The same main class as ./mvnw spring-boot:test-run, started with plain java so the JVM flags and the
# pid are ours. Its database lives in target/dev-db like the dev run's (the bench adds two products).
OBSERVABILITY_ARGS=()
case "$BENCH_METRICS" in
  on) ;;
  off) OBSERVABILITY_ARGS+=(--management.metrics.enable.all=false --management.observations.enable.all=false) ;;
  *) echo "BENCH_METRICS is on or off"; exit 1 ;;
esac
SINK=
case "$BENCH_TRACING" in
  off) OBSERVABILITY_ARGS+=(--shop.tracing.enabled=false) ;;
  on)
    OBSERVABILITY_ARGS+=(--shop.tracing.enabled=true --management.tracing.sampling.probability=0.1
      --management.opentelemetry.tracing.export.otlp.endpoint="http://127.0.0.1:${OTLP_PORT}/v1/traces")
    java -cp "$CP" com.example.shop.bench.OtlpSink "$OTLP_PORT" > "$OUT/otlp-sink.log" 2>&1 &
    SINK=$! ;;
  *) echo "BENCH_TRACING is on or off"; exit 1 ;;
esac

echo "starting the app on $BASE (-Xmx$HEAP), management port $MANAGEMENT_PORT, metrics $BENCH_METRICS, tracing $BENCH_TRACING"
java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -cp "$CP" com.example.shop.TestShopApplication \
  --server.address=127.0.0.1 --server.port="$PORT" \
  --management.server.address=127.0.0.1 --management.server.port="$MANAGEMENT_PORT" \
  "${OBSERVABILITY_ARGS[@]}" ${BENCH_APP_ARGS:-} > "$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; if [ -n "$SINK" ]; then kill $SINK 2>/dev/null || true; wait $SINK 2>/dev/null || true; fi' EXIT
for i in $(seq 1 180); do
  # ready, not just live: the dev run loads its demo data before it reports ready
  if curl -fsS "$BASE/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 $APP 2>/dev/null; then echo "the app died:"; tail -50 "$OUT/app.log"; exit 1; fi
  sleep 1
done
curl -fsS "$BASE/readyz" >/dev/null || { echo "the app was not ready within 180 s"; exit 1; }

SLUG=$(curl -fsS "$BASE/api/products?size=1&sort=name" | sed -E 's/.*"slug":"([^"]+)".*/\1/')
CATEGORY=$(curl -fsS "$BASE/api/categories" | sed -E 's/^[^{]*\{[^}]*"slug":"([^"]+)".*/\1/')
declare -a NAMES=(baseline-payments-config liveness products-default products-filtered product-by-slug categories)
declare -a URLS=(
  "$BASE/api/payments/config"
  "$BASE/livez"
  "$BASE/api/products"
  "$BASE/api/products?category=$CATEGORY&minPrice=500&maxPrice=20000&sort=price,desc&size=10"
  "$BASE/api/products/$SLUG"
  "$BASE/api/categories"
)

heap() { # used heap after a GC would be more stable, but we report what the JVM holds right now
  jcmd $APP GC.heap_info 2>/dev/null | sed -n '2,3p' | tr -s ' ' | sed 's/^ //'
}

echo "warm-up: $WARMUP per endpoint"
for u in "${URLS[@]}"; do
  curl -fsS -o /dev/null "$u"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$u" > /dev/null
done
jcmd $APP GC.run >/dev/null 2>&1 || true
echo "heap after warm-up (after a full GC): $(heap)"

RESULTS="$OUT/results.txt"
echo "configuration: metrics $BENCH_METRICS, tracing $BENCH_TRACING${BENCH_APP_ARGS:+, $BENCH_APP_ARGS}" > "$RESULTS"
echo "measuring: wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
BASE_RPS=""
for idx in "${!URLS[@]}"; do
  name=${NAMES[$idx]}; u=${URLS[$idx]}
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$u" > "$OUT/wrk-$name.txt"
  rps=$(awk '/^Requests\/sec/ {print $2}' "$OUT/wrk-$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$OUT/wrk-$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$OUT/wrk-$name.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$OUT/wrk-$name.txt")
  [ -z "$BASE_RPS" ] && BASE_RPS=$rps
  ratio=$(awk -v a="$rps" -v b="$BASE_RPS" 'BEGIN {printf "%.2f", a / b}')
  printf "%-26s %10s req/s  ratio %5s  p50 %8s  p99 %8s  non-2xx %s\n" "$name" "$rps" "$ratio" "$p50" "$p99" "${non2xx:-0}" | tee -a "$RESULTS"
done
echo "heap under load (catalog, last run): $(heap)" | tee -a "$RESULTS"

echo "checkout: $CHECKOUTS customers, concurrency $CHECKOUT_CONCURRENCY"
( sleep 5; echo "heap under checkout load: $(heap)" >> "$RESULTS" ) &
SAMPLER=$!
# hot: every cart holds the same 2 products (checkouts queue on their stock rows);
# spread: 2 of 20 products per cart, as in a shop with a range of best sellers.
# plain: no shipping method, tax rate or code applies; priced: the demo method for DE, 19 % tax and one
# discount code without a usage limit (every checkout claims a use of the same code)
java -cp "$CP" com.example.shop.bench.CheckoutBench "$BASE" "$CHECKOUTS" "$CHECKOUT_CONCURRENCY" 300 2 plain \
  2>&1 | tee "$OUT/checkout-hot.txt" | grep -v '^SLF4J'
java -cp "$CP" com.example.shop.bench.CheckoutBench "$BASE" "$CHECKOUTS" "$CHECKOUT_CONCURRENCY" 0 2 priced \
  2>&1 | tee "$OUT/checkout-hot-priced.txt" | grep -v '^SLF4J'
java -cp "$CP" com.example.shop.bench.CheckoutBench "$BASE" "$CHECKOUTS" "$CHECKOUT_CONCURRENCY" 0 20 plain \
  2>&1 | tee "$OUT/checkout-spread.txt" | grep -v '^SLF4J'
java -cp "$CP" com.example.shop.bench.CheckoutBench "$BASE" "$CHECKOUTS" "$CHECKOUT_CONCURRENCY" 0 20 priced \
  2>&1 | tee "$OUT/checkout-spread-priced.txt" | grep -v '^SLF4J'
grep -h '^RESULT' "$OUT/checkout-hot.txt" "$OUT/checkout-hot-priced.txt" "$OUT/checkout-spread.txt" \
  "$OUT/checkout-spread-priced.txt" >> "$RESULTS"
wait $SAMPLER
jcmd $APP GC.run >/dev/null 2>&1 || true
echo "heap after the run (after a full GC): $(heap)" | tee -a "$RESULTS"
echo
echo "== results ($RESULTS) =="
cat "$RESULTS"

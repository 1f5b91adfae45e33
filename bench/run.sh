#!/usr/bin/env bash
# Shop API benchmark: starts the dev run (embedded MariaDB, demo catalog, Stripe stand-in) from the test
# classpath, warms it up, measures the public catalog reads with wrk against the cheapest Spring MVC
# endpoint of the app, drives checkouts with bench's CheckoutBench, and reports the heap.
# It reports numbers and asserts nothing; it is not part of ./mvnw verify.
#
#   bench/run.sh                 # everything (about 4 minutes on 2 cores)
#   DURATION=20s CONNECTIONS=32 CHECKOUTS=2000 bench/run.sh
#   WARMUP=10s WARMUP_ROUNDS=6 bench/run.sh   # warm-up rounds over every endpoint, until the JIT is done (below)
#   CHECKOUT_WARMUP=3000 bench/run.sh   # checkouts before the first measured mix (default 300); app_jit= says what compiling still cost
#   BENCH_SKIP_BUILD=1 bench/run.sh   # reuse target/classes, target/test-classes and target/bench-cp.txt
#   BENCH_APP_ARGS='--shop.catalog.availability-ttl=0' bench/run.sh   # A/B a setting
#   BENCH_TRACING=on bench/run.sh     # tracing on: 10 % sampled, exported over OTLP to a local sink (OtlpSink)
#   BENCH_METRICS=off bench/run.sh    # no metrics and no observations at all: the floor they cost against
#   CEILING_DIR=path/to/ceiling bench/run.sh   # the bare Spring MVC app to compare with (default ../shared/perf/ceiling)
#   BENCH_CEILING=off bench/run.sh    # skip the ceiling
#   BENCH_JFR=on bench/run.sh         # a Flight Recorder file per phase (catalog, checkout), summarized by JfrTop
#                                     # (shares only: a recording slows this 2-core host by an order of magnitude)
#   CHECKOUT_MIXES='hot-plain spread-plain' bench/run.sh   # only these checkout mixes
# Every catalog line also reports the server's CPU time per request (user + system, from /proc): the cost a
# configuration adds, which moves less with other load on the host than requests/s do. Every checkout mix reports
# the CPU milliseconds per order of the app, the Stripe stand-in (in a JVM of its own, as Stripe would be), the
# embedded database and the load driver: what a real deployment pays is the app's and the database's share.
# Each configuration writes to target/bench/<metrics-…-tracing-…>/; compare the ratios of runs made one after
# the other on the same host.
#
# Only loopback traffic: the app binds to 127.0.0.1 and the load goes to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

PORT="${PORT:-18080}"
# Actuator's own port, explicitly: something else may listen on the default 8081 (a comparison app)
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-18081}"
OTLP_PORT="${BENCH_OTLP_PORT:-18318}"
BENCH_TRACING="${BENCH_TRACING:-off}"
BENCH_METRICS="${BENCH_METRICS:-on}"
BASE="http://127.0.0.1:${PORT}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-10s}"
STRIPE_CONTROL_PORT="${BENCH_STRIPE_CONTROL_PORT:-18083}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
CHECKOUTS="${CHECKOUTS:-2000}"
CHECKOUT_CONCURRENCY="${CHECKOUT_CONCURRENCY:-16}"
HEAP="${BENCH_XMX:-512m}"
CEILING_DIR="${CEILING_DIR:-../shared/perf/ceiling}"
CEILING_PORT="${BENCH_CEILING_PORT:-18082}"
CEILING_WARMUP="${CEILING_WARMUP:-10s}"
BENCH_CEILING="${BENCH_CEILING:-on}"
BENCH_JFR="${BENCH_JFR:-off}"
LABEL="metrics-${BENCH_METRICS}-tracing-${BENCH_TRACING}"
OUT="target/bench/$LABEL"
mkdir -p "$OUT"

bench_install_wrk
bench_build "$OUT"
CP=$(bench_classpath)

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

# The ceiling: a bare Spring Boot MVC app serving a constant 20-product page and one product from memory
# (Jackson on every request, no security, database or filters), measured first, alone, with the same JVM
# flags and wrk settings, and again after the app's catalog phase (the app idle meanwhile); every catalog figure of
# the app is then also reported as a ratio to the mean of the two.
CEILING_PAGE_RPS=""; CEILING_ONE_RPS=""; CEILING_PAGE_P99=""; CEILING_ONE_P99=""
CEILING=
# measure_ceiling <before|after>: the ceiling's page and single product, once before the app starts and once after
# its catalog phase. A host's speed drifts by 10-15 % within minutes (bench/README.md), so the app's figures are read
# against the mean of the two; their difference (the drift line) says how far the host moved in between.
declare -A CEILING_RUN
measure_ceiling() {
  local when=$1 name u t0 cpu rps p50 p99
  for name in page one; do
    u="http://127.0.0.1:$CEILING_PORT/api/products"; [ $name = one ] && u="$u/1001"
    t0=$(cpu_ticks $CEILING)
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$u" > "$OUT/wrk-ceiling-$name-$when.txt"
    cpu=$(cpu_per_request "$t0" "$(cpu_ticks $CEILING)" "$OUT/wrk-ceiling-$name-$when.txt")
    rps=$(awk '/^Requests\/sec/ {print $2}' "$OUT/wrk-ceiling-$name-$when.txt")
    p50=$(awk '$1=="50%" {print $2}' "$OUT/wrk-ceiling-$name-$when.txt")
    p99=$(awk '$1=="99%" {print $2}' "$OUT/wrk-ceiling-$name-$when.txt")
    CEILING_RUN[$name-$when-rps]=$rps; CEILING_RUN[$name-$when-p99]=$(to_ms "$p99")
    printf "%-26s %10s req/s  p50 %8s  p99 %8s  cpu/req %6s us   load %s\\n" "ceiling-$name-$when" "$rps" "$p50" "$p99" \
      "$cpu" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$RESULTS"
  done
}
mean() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (a + b) / 2 }'; }
RESULTS="$OUT/results.txt"
echo "configuration: metrics $BENCH_METRICS, tracing $BENCH_TRACING${BENCH_APP_ARGS:+, $BENCH_APP_ARGS}" > "$RESULTS"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RESULTS"
if [ "$BENCH_CEILING" = on ] && [ -f "$CEILING_DIR/pom.xml" ]; then
  CEILING_JAR=target/ceiling/target/ceiling-1.0.jar
  if [ -z "${BENCH_SKIP_BUILD:-}" ] || [ ! -f "$CEILING_JAR" ]; then
    echo "building the ceiling from $CEILING_DIR"
    rm -rf target/ceiling && mkdir -p target && cp -r "$CEILING_DIR" target/ceiling
    (cd target/ceiling && ../../mvnw -B -q -DskipTests package) > "$OUT/ceiling-build.log" 2>&1 \
      || { cat "$OUT/ceiling-build.log"; exit 1; }
  fi
  echo "starting the ceiling on 127.0.0.1:$CEILING_PORT (-Xmx$HEAP)"
  java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -jar "$CEILING_JAR" \
    --server.address=127.0.0.1 --server.port="$CEILING_PORT" > "$OUT/ceiling.log" 2>&1 &
  CEILING=$!
  for i in $(seq 1 60); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$CEILING_PORT/api/products" 2>/dev/null; then break; fi
    sleep 1
  done
  warm_up ceiling $CEILING "$CEILING_WARMUP" "http://127.0.0.1:$CEILING_PORT/api/products" \
    "http://127.0.0.1:$CEILING_PORT/api/products/1001"
  measure_ceiling before
  # left running (idle) for its second measurement after the app's catalog phase
else
  echo "no ceiling ($CEILING_DIR/pom.xml missing or BENCH_CEILING=off): ratios to the app's baseline only"
fi

# the Stripe stand-in in a JVM of its own (as bench/soak.sh runs it), so its CPU is not the app's: no request
# journal (nothing asserts on it); the app reaches it through STRIPE_API_BASE and starts no stand-in of its own
rm -f "$OUT/stripe-url"
java -Xmx256m -XX:+UseSerialGC -Dshop.stripe-stand-in.no-journal=true -cp "$CP" \
  com.example.shop.payments.StripeStandInServer "$STRIPE_CONTROL_PORT" "$OUT/stripe-url" > "$OUT/stripe.log" 2>&1 &
STRIPE=$!
for _ in $(seq 1 120); do [ -s "$OUT/stripe-url" ] && break; kill -0 $STRIPE 2>/dev/null || break; sleep 0.5; done
[ -s "$OUT/stripe-url" ] || { echo "the Stripe stand-in did not start:"; cat "$OUT/stripe.log"; exit 1; }

echo "starting the app on $BASE (-Xmx$HEAP), management port $MANAGEMENT_PORT, metrics $BENCH_METRICS, tracing $BENCH_TRACING"
STRIPE_API_BASE=$(cat "$OUT/stripe-url") java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} \
  -cp "$CP" com.example.shop.TestShopApplication \
  --server.address=127.0.0.1 --server.port="$PORT" \
  --management.server.address=127.0.0.1 --management.server.port="$MANAGEMENT_PORT" \
  "${OBSERVABILITY_ARGS[@]}" ${BENCH_APP_ARGS:-} > "$OUT/app.log" 2>&1 &
APP=$!
trap 'for p in $APP $STRIPE $SINK $CEILING; do kill $p 2>/dev/null || true; done; for p in $APP $STRIPE $SINK $CEILING; do wait $p 2>/dev/null || true; done' EXIT
# ready, not just live: the dev run loads its demo data before it reports ready
bench_await_ready "$BASE" "$APP" "$OUT/app.log"

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
for u in "${URLS[@]}"; do curl -fsS -o /dev/null "$u"; done
warm_up app $APP "$WARMUP" "${URLS[@]}"
jcmd $APP GC.run >/dev/null 2>&1 || true
echo "heap after warm-up (after a full GC): $(heap)"

echo "measuring: wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
BASE_RPS=""
jfr_start() { [ "$BENCH_JFR" = on ] && jcmd $APP JFR.start name="$1" settings=profile filename="$PWD/$OUT/$1.jfr" >/dev/null || true; }
jfr_stop() {
  if [ "$BENCH_JFR" = on ]; then
    jcmd $APP JFR.stop name="$1" >/dev/null || true
    java -cp "$CP" com.example.shop.bench.JfrTop "$OUT/$1.jfr" 30 > "$OUT/jfr-$1.txt" 2>&1 || true
    echo "CPU profile of the $1 phase: $OUT/jfr-$1.txt"
  fi
}
jfr_start catalog
declare -a LINES RPS P99
for idx in "${!URLS[@]}"; do
  name=${NAMES[$idx]}; u=${URLS[$idx]}
  t0=$(cpu_ticks $APP); j0=$(jit_ticks $APP)
  wrk_measure "$OUT/wrk-$name.txt" "$u"
  cpu=$(cpu_per_request "$t0" "$(cpu_ticks $APP)" "$OUT/wrk-$name.txt")
  jit=$(cpu_per_request "$j0" "$(jit_ticks $APP)" "$OUT/wrk-$name.txt")
  rps=$WRK_RPS; p50=$WRK_P50; p99=$WRK_P99; non2xx=$WRK_NON2XX
  [ -z "$BASE_RPS" ] && BASE_RPS=$rps
  RPS[$idx]=$rps; P99[$idx]=$(to_ms "$p99")
  LINES[$idx]=$(printf "%-26s %10s req/s  ratio %5s  p50 %8s  p99 %8s  cpu/req %6s us (jit %4s)  non-2xx %s" "$name" \
    "$rps" "$(ratio "$rps" "$BASE_RPS")" "$p50" "$p99" "$cpu" "$jit" "${non2xx:-0}")"   load $(cut -d' ' -f1 /proc/loadavg)"
  echo "${LINES[$idx]}"
done
if [ -n "$CEILING" ]; then
  echo "the ceiling again, after the app's catalog phase" | tee -a "$RESULTS"
  measure_ceiling after
  for name in page one; do
    printf "%-26s %10s  (after / before; the app's figures below are read against the mean)\n" "ceiling-$name-drift" \
      "$(ratio "${CEILING_RUN[$name-after-rps]}" "${CEILING_RUN[$name-before-rps]}")" | tee -a "$RESULTS"
  done
  CEILING_PAGE_RPS=$(mean "${CEILING_RUN[page-before-rps]}" "${CEILING_RUN[page-after-rps]}")
  CEILING_ONE_RPS=$(mean "${CEILING_RUN[one-before-rps]}" "${CEILING_RUN[one-after-rps]}")
  CEILING_PAGE_P99=$(mean "${CEILING_RUN[page-before-p99]}" "${CEILING_RUN[page-after-p99]}")
  CEILING_ONE_P99=$(mean "${CEILING_RUN[one-before-p99]}" "${CEILING_RUN[one-after-p99]}")
  kill $CEILING 2>/dev/null || true; wait $CEILING 2>/dev/null || true; CEILING=
fi
for idx in "${!URLS[@]}"; do
  # to the ceiling: one product against its single product, every other endpoint against its page
  c_rps=$CEILING_PAGE_RPS; c_p99=$CEILING_PAGE_P99
  [ "${NAMES[$idx]}" = product-by-slug ] && { c_rps=$CEILING_ONE_RPS; c_p99=$CEILING_ONE_P99; }
  vs=""
  [ -n "$c_rps" ] && vs="  ceiling x$(ratio "${RPS[$idx]}" "$c_rps")  p99 x$(ratio "${P99[$idx]}" "$c_p99")"
  echo "${LINES[$idx]}$vs" | tee -a "$RESULTS"
done
jfr_stop catalog
echo "heap under load (catalog, last run): $(heap)" | tee -a "$RESULTS"

echo "checkout: $CHECKOUTS customers, concurrency $CHECKOUT_CONCURRENCY"
# the embedded database's server process, a child of the app (0 when not found: its share then reads 0)
DATABASE=$(pgrep -f "mariadbd.*$PWD/target/embedded-mariadb" | head -1 || true)
DATABASE=${DATABASE:-0}
( sleep 5; echo "heap under checkout load: $(heap)" >> "$RESULTS" ) &
SAMPLER=$!
jfr_start checkout
# hot: every cart holds the same 2 products (checkouts queue on their stock rows);
# spread: 2 of 20 products per cart, as in a shop with a range of best sellers.
# plain: no shipping method, tax rate or code applies; priced: the demo method for DE, 19 % tax and one
# discount code without a usage limit (every checkout claims a use of the same code)
# CHECKOUT_MIXES picks them (a commit from before pricing has no priced mix: CHECKOUT_MIXES='hot-plain spread-plain')
warm=${CHECKOUT_WARMUP:-300}
for mix in ${CHECKOUT_MIXES:-hot-plain hot-priced spread-plain spread-priced}; do
  products=2; [ "${mix%%-*}" = spread ] && products=20
  file="$OUT/checkout-${mix%%-*}.txt"; [ "${mix##*-}" = priced ] && file="$OUT/checkout-${mix%%-*}-priced.txt"
  java -Dbench.pids="app:$APP,app_jit:$APP,stripe:$STRIPE,database:$DATABASE,driver:self" \
    -cp "$CP" com.example.shop.bench.CheckoutBench "$BASE" "$CHECKOUTS" "$CHECKOUT_CONCURRENCY" $warm $products "${mix##*-}" \
    2>&1 | tee "$file" | grep -v '^SLF4J'
  grep -h '^RESULT' "$file" | sed "s/\$/ load=$(cut -d' ' -f1 /proc/loadavg)/" >> "$RESULTS"
  warm=0
done
wait $SAMPLER
jfr_stop checkout
jcmd $APP GC.run >/dev/null 2>&1 || true
echo "heap after the run (after a full GC): $(heap)" | tee -a "$RESULTS"
echo
echo "== results ($RESULTS) =="
cat "$RESULTS"

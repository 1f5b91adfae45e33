#!/usr/bin/env bash
# How many open order streams (GET /api/orders/{id}/events, Server-Sent Events) one instance holds within its
# heap: starts the dev run (as bench/run.sh does) with a fixed -Xmx, opens streams in steps with
# com.example.shop.bench.StreamsBench (test sources) and prints the heap after a full GC per step.
# It reports numbers and asserts nothing. Hold the bench lock: flock /work/wt/bench.lock bash bench/streams.sh
#
#   bench/streams.sh                                  # -Xmx256m, 0 to 8,000 streams
#   STREAMS_XMX=128m STEPS=0,1000,2000,4000,8000,12000 bench/streams.sh
#   BENCH_SKIP_BUILD=1 bench/streams.sh               # reuse target/classes, target/test-classes, target/bench-cp.txt
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-18080}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-18081}"
BASE="http://127.0.0.1:${PORT}"
HEAP="${STREAMS_XMX:-256m}"
STEPS="${STEPS:-0,500,1000,2000,4000,8000}"
MAX_STREAMS="${MAX_STREAMS:-30000}"
OUT="target/bench/streams"
mkdir -p "$OUT"

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "building (test-compile + test classpath)"
  ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-cp.txt > "$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
fi
CP="target/test-classes:target/classes:$(cat target/bench-cp.txt)"

# each stream is a connection: Tomcat's connection limit (8,192 by default) and the cap on streams are raised
# so that the heap is what runs out; the heartbeat stays at its default (15 s)
echo "starting the app on $BASE (-Xmx$HEAP), open file limit $(ulimit -n)"
java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -cp "$CP" com.example.shop.TestShopApplication \
  --server.address=127.0.0.1 --server.port="$PORT" \
  --management.server.address=127.0.0.1 --management.server.port="$MANAGEMENT_PORT" \
  --shop.tracing.enabled=false --server.tomcat.max-connections="$MAX_STREAMS" \
  --shop.orders.events.max-streams="$MAX_STREAMS" > "$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT
for i in $(seq 1 600); do
  if curl -fsS "$BASE/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 $APP 2>/dev/null; then echo "the app died:"; tail -50 "$OUT/app.log"; exit 1; fi
  sleep 1
done
curl -fsS "$BASE/readyz" >/dev/null || { echo "the app was not ready within 600 s"; exit 1; }

{
  echo "# $(date -u +%FT%TZ) -Xmx$HEAP, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -Xmx512m -cp "$CP" com.example.shop.bench.StreamsBench "$BASE" "$APP" "$STEPS" 20
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  kill -0 $APP 2>/dev/null && echo "# the app is still running" || { echo "# the app died:"; tail -20 "$OUT/app.log"; }
} 2>&1 | tee "$OUT/results.txt"

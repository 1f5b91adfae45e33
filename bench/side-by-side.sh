#!/usr/bin/env bash
# What tracing costs the catalog reads, measured side by side: two dev runs of the same build up at once, one with
# tracing off and one with tracing at 10 % exported to a local OTLP sink, loaded in alternating order, round after
# round, on bench/run.sh's catalog paths with its wrk settings.
#
#   bench/side-by-side.sh                        # about 20 minutes on 2 cores
#   ROUNDS=8 LENGTH=15s bench/side-by-side.sh
#   SAMPLING=0.05 bench/side-by-side.sh          # another sampling probability for the traced run
#
# Why not two runs of bench/run.sh: on a 2-core host the speed moves by 10-15 % within minutes (bench/README.md),
# as much as what is measured, so runs made one after the other compare the host's moments. Here the two
# configurations share every moment: each round measures both back to back, in an order that alternates, and the
# cost is read from each round's pair (traced requests/s over untraced, and CPU per request of each JVM from
# /proc) and reported as the median over the rounds; the median of each configuration's own figures is printed too.
# Reports numbers and asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

THREADS=2
CONNECTIONS=32
DURATION="${LENGTH:-10s}"
ROUNDS="${ROUNDS:-6}"
WARMUP="${WARMUP:-10s}"
SAMPLING="${SAMPLING:-0.1}"
HEAP="${BENCH_XMX:-512m}"
OTLP_PORT="${BENCH_OTLP_PORT:-18319}"
OUT="target/bench/side-by-side"
rm -rf "$OUT" && mkdir -p "$OUT"
RESULTS="$OUT/results.txt"

bench_install_wrk
bench_build "$OUT"
CP="$PWD/target/test-classes:$PWD/target/classes:$(cat target/bench-cp.txt)"

java -cp "$CP" com.example.shop.bench.OtlpSink "$OTLP_PORT" > "$OUT/otlp-sink.log" 2>&1 &
SINK=$!
declare -a NAMES=(untraced traced) PORTS=(18180 18280) PIDS=()
declare -a ARGS_untraced=(--shop.tracing.enabled=false)
declare -a ARGS_traced=(--shop.tracing.enabled=true --management.tracing.sampling.probability="$SAMPLING"
  --management.opentelemetry.tracing.export.otlp.endpoint="http://127.0.0.1:${OTLP_PORT}/v1/traces")
trap 'for p in "${PIDS[@]}" $SINK; do kill $p 2>/dev/null || true; done; for p in "${PIDS[@]}" $SINK; do wait $p 2>/dev/null || true; done' EXIT

# each dev run in a directory of its own: its embedded database lives in target/dev-db below the working directory.
# One after the other: two embedded MariaDB installs at the same moment collided on their temporary files in /tmp.
for i in 0 1; do
  name=${NAMES[$i]}; port=${PORTS[$i]}; dir="$OUT/$name"
  mkdir -p "$dir"
  args_var="ARGS_${name}[@]"
  (cd "$dir" && exec java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -cp "$CP" \
    com.example.shop.TestShopApplication --server.address=127.0.0.1 --server.port="$port" \
    --management.server.address=127.0.0.1 --management.server.port=$((port + 1)) "${!args_var}" > app.log 2>&1) &
  PIDS[$i]=$!
  bench_await_ready "http://127.0.0.1:$port" "${PIDS[$i]}" "$dir/app.log" 300
done

BASE="http://127.0.0.1:${PORTS[0]}"
SLUG=$(curl -fsS "$BASE/api/products?size=1&sort=name" | sed -E 's/.*"slug":"([^"]+)".*/\1/')
CATEGORY=$(curl -fsS "$BASE/api/categories" | sed -E 's/^[^{]*\{[^}]*"slug":"([^"]+)".*/\1/')
# the catalog phase's paths of bench/run.sh, under its names
declare -a LABELS=(baseline-payments-config liveness products-default products-filtered product-by-slug categories)
declare -a PATHS=(/api/payments/config /livez /api/products
  "/api/products?category=$CATEGORY&minPrice=500&maxPrice=20000&sort=price,desc&size=10" "/api/products/$SLUG"
  /api/categories)
echo "configuration: tracing off against tracing at $SAMPLING (OTLP sink on $OTLP_PORT), $ROUNDS rounds of wrk -t$THREADS -c$CONNECTIONS -d$DURATION per path" \
  | tee "$RESULTS"

for i in 0 1; do
  urls=(); for p in "${PATHS[@]}"; do urls+=("http://127.0.0.1:${PORTS[$i]}$p"); done
  warm_up "${NAMES[$i]}" "${PIDS[$i]}" "$WARMUP" "${urls[@]}"
done

# one line per measurement: round, path's name, configuration, requests/s, CPU µs per request, p99
for round in $(seq 1 "$ROUNDS"); do
  for j in "${!PATHS[@]}"; do
    p=${PATHS[$j]}
    for k in 0 1; do
      i=$(( (k + round) % 2 )) # the order alternates from round to round
      t0=$(cpu_ticks "${PIDS[$i]}")
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:${PORTS[$i]}$p" > "$OUT/wrk.txt"
      cpu=$(cpu_per_request "$t0" "$(cpu_ticks "${PIDS[$i]}")" "$OUT/wrk.txt" 1)
      echo "round $round ${LABELS[$j]} ${NAMES[$i]} $(awk '/^Requests\/sec/ {print $2}' "$OUT/wrk.txt") $cpu $(awk '$1=="99%" {print $2}' "$OUT/wrk.txt")" \
        | tee -a "$OUT/rounds.txt"
    done
  done
done

# per path: medians of each configuration, and the median of the per-round pairs
for p in "${LABELS[@]}"; do
  awk -v path="$p" '
    function median(list,   n, a, i, j, t) {
      n = split(list, a, " ")
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    $3 == path { rps[$2, $4] = $5; cpu[$2, $4] = $6; own_rps[$4] = own_rps[$4] " " $5; own_cpu[$4] = own_cpu[$4] " " $6; n[$2] = 1 }
    END {
      for (r in n) if (((r, "untraced") in rps) && ((r, "traced") in rps)) {
        ratios = ratios " " rps[r, "traced"] / rps[r, "untraced"]; extra = extra " " cpu[r, "traced"] - cpu[r, "untraced"]
      }
      printf "%-28s untraced %8.0f req/s %5.1f us/req   traced %8.0f req/s %5.1f us/req   traced/untraced (median of the rounds) %.3f: cost %4.1f %%, %+.1f us/req\n",
        path, median(own_rps["untraced"]), median(own_cpu["untraced"]), median(own_rps["traced"]), median(own_cpu["traced"]),
        median(ratios), 100 * (1 - median(ratios)), median(extra)
    }' "$OUT/rounds.txt" | tee -a "$RESULTS"
done
kill $SINK 2>/dev/null || true; wait $SINK 2>/dev/null || true; SINK=
tail -1 "$OUT/otlp-sink.log" | tee -a "$RESULTS"

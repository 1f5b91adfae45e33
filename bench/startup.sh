#!/usr/bin/env bash
# Start-up time of the production jar: builds it (unless BENCH_SKIP_BUILD=1), starts it RUNS times against a MySQL or
# MariaDB server (an empty database the first time: Liquibase creates the schema; the later starts find it), and
# prints Spring's "Started ShopApplication in N seconds" and the time until /readyz answers, each run.
#
#   STARTUP_DB_URL='jdbc:mysql://127.0.0.1:3306/shop_startup?useInformationSchema=false&sslMode=DISABLED' \
#   STARTUP_DB_USER=root STARTUP_DB_PASSWORD= bench/startup.sh
#
# The Stripe keys are placeholders (start-up calls nothing); only loopback addresses are used.
#
# STARTUP_MODE=image starts the jar as the image does (Dockerfile), without a container engine: the layers extracted
# and merged into one directory (target/bench/startup/image/app, standing for /app), the Dockerfile's own training
# start run there (read from the Dockerfile; no database: its datasource URL points at a closed port), then each run
# starts the Dockerfile's entry point twice, once with the archive and once without (-Xshare:auto alone), alternating.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-18090}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-18091}"
RUNS="${RUNS:-3}"
HEAP="${BENCH_XMX:-512m}"
: "${STARTUP_DB_URL:?a JDBC URL of a database the run may create tables in}"
OUT="$PWD/target/bench/startup"
mkdir -p "$OUT"

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -DskipTests package > "$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
fi
JAR=$(ls target/*.jar | grep -v -e '-plain' -e 'sources' | head -1)

# start LABEL JAVA_ARGUMENTS...: one start, timed until /readyz answers
start() {
  local label=$1; shift
  local log="$OUT/app-${label//[^a-z0-9]/-}.log" load_before t0 ready="" started
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s%N)
  SPRING_DATASOURCE_URL="$STARTUP_DB_URL" SPRING_DATASOURCE_USERNAME="${STARTUP_DB_USER:-root}" \
  SPRING_DATASOURCE_PASSWORD="${STARTUP_DB_PASSWORD:-}" \
  SHOP_JWT_SECRET="startup-measurement-key-0123456789abcdefghijklmnop" \
  STRIPE_SECRET_KEY=sk_test_startup STRIPE_PUBLISHABLE_KEY=pk_test_startup STRIPE_WEBHOOK_SECRET=whsec_startup \
    java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC "$@" --server.address=127.0.0.1 --server.port="$PORT" \
    --management.server.address=127.0.0.1 --management.server.port="$MANAGEMENT_PORT" > "$log" 2>&1 &
  APP=$!
  for i in $(seq 1 1200); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/readyz" 2>/dev/null; then ready=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
    if ! kill -0 $APP 2>/dev/null; then tail -40 "$log"; exit 1; fi
    sleep 0.1
  done
  kill $APP; wait $APP 2>/dev/null || true
  started=$(grep -o 'Started ShopApplication in [0-9.]* seconds' "$log" | head -1)
  echo "$label: $started; /readyz answered after ${ready:-?} ms (load $load_before before, $(cut -d' ' -f1 /proc/loadavg) after)" \
    | tee -a "$OUT/results.txt"
}

if [ "${STARTUP_MODE:-jar}" = image ]; then
  IMAGE="$OUT/image"
  rm -rf "$IMAGE" && mkdir -p "$IMAGE/app"
  cp "$JAR" "$IMAGE/app.jar"
  # the Dockerfile's layers stage, then its COPY of each layer into /app, in the Dockerfile's order
  (cd "$IMAGE" && java -Djarmode=tools -jar app.jar extract --layers --destination extracted > /dev/null)
  for layer in $(sed -nE 's|^COPY --from=layers /layers/extracted/([a-z-]+)/ \./$|\1|p' Dockerfile); do
    cp -a "$IMAGE/extracted/$layer/." "$IMAGE/app/"
  done
  # the Dockerfile's training RUN, with /app standing for this directory
  training=$(sed -n '/^RUN java -XX:ArchiveClassesAtExit=/,/[^\\]$/p' Dockerfile | sed -e 's/^RUN //' -e "s|/app/|$IMAGE/app/|g")
  [ -n "$training" ] || { echo "no training start in the Dockerfile" >&2; exit 1; }
  training_start=$(date +%s%N)
  (cd "$IMAGE/app" && env -i PATH="$PATH" HOME="$HOME" bash -c "$training") > "$OUT/training.log" 2>&1 \
    || { tail -40 "$OUT/training.log"; exit 1; }
  echo "training start (no database): $(( ($(date +%s%N) - training_start) / 1000000 )) ms, archive $(du -m "$IMAGE/app/app.jsa" | cut -f1) MB" \
    | tee -a "$OUT/results.txt"
  # the Dockerfile's entry point (its JVM options and jar, without "java"), from /app; and the same without the archive
  read -r -a entry <<< "$(sed -nE 's/^ENTRYPOINT \["java", (.*)\]$/\1/p' Dockerfile | tr -d '",' | sed "s|/app/|$IMAGE/app/|g")"
  [[ " ${entry[*]} " == *" -XX:SharedArchiveFile="* ]] || { echo "the Dockerfile's entry point uses no archive" >&2; exit 1; }
  no_archive=()
  for option in "${entry[@]}"; do [[ $option == -XX:SharedArchiveFile=* ]] || no_archive+=("$option"); done
  for run in $(seq 1 "$RUNS"); do
    (cd "$IMAGE/app" && start "run $run, image, with the archive" "${entry[@]}")
    (cd "$IMAGE/app" && start "run $run, image, without the archive" "${no_archive[@]}")
  done
else
  for run in $(seq 1 "$RUNS"); do
    start "run $run" -jar "$JAR"
  done
fi

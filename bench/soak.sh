#!/usr/bin/env bash
# The soak: the dev run against the machine's MariaDB (a database of its own, made afresh), driven by
# com.example.shop.bench.Soak with a realistic mix (browse, cart, checkout, pay by webhook, refunds, cancels) for a
# set time. Reports errors by status, latency percentiles per minute, the heap after a full GC and the database
# connections (open and in use) every minute, the event publications still incomplete at the end, and runs the
# invariant checker (bench/invariants.sh). Not part of CI. Exits 1 on a 5xx, an invariant violation, an
# incomplete publication or a heap after GC that grew more than 10 % from minute 5 to the end.
#
#   flock /work/wt/bench.lock bench/soak.sh          # 15 minutes, 8 users
#   SOAK_MINUTES=2 SOAK_USERS=4 bench/soak.sh        # a smoke run
#   SOAK_SKIP_BUILD=1 bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."

MINUTES="${SOAK_MINUTES:-15}"
USERS="${SOAK_USERS:-8}"
PORT="${SOAK_PORT:-8195}"
MANAGEMENT_PORT="${SOAK_MANAGEMENT_PORT:-$((PORT + 1))}"
HEAP="${SOAK_XMX:-512m}"
DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
DB_USER="${DB_USER:-root}"
DB_PASSWORD="${DB_PASSWORD:-}"
DB_NAME="${SOAK_DB_NAME:-shop_soak}"
BASE="http://127.0.0.1:$PORT"
OUT=target/soak
mkdir -p "$OUT"
CLIENT=$(command -v mariadb || command -v mysql)
sql() { MYSQL_PWD="$DB_PASSWORD" "$CLIENT" --protocol=TCP -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -N -B "$@"; }

if curl -s -o /dev/null "$BASE/livez"; then echo "soak: something already answers on port $PORT"; exit 1; fi
if [ -z "${SOAK_SKIP_BUILD:-}" ]; then
  echo "soak: building the test classpath"
  ./mvnw -B -q -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/soak-cp.txt > "$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
fi
CP="target/test-classes:target/classes:$(cat target/soak-cp.txt)"
sql -e "DROP DATABASE IF EXISTS \`$DB_NAME\`; CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

SHOP_TEST_DATABASE_URL="jdbc:mysql://$DB_HOST:$DB_PORT/$DB_NAME?useInformationSchema=false&sslMode=DISABLED&allowPublicKeyRetrieval=true" \
SHOP_TEST_DATABASE_USERNAME="$DB_USER" SHOP_TEST_DATABASE_PASSWORD="$DB_PASSWORD" \
java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -cp "$CP" com.example.shop.TestShopApplication \
  --server.port="$PORT" --management.server.port="$MANAGEMENT_PORT" --logging.level.com.example.shop=WARN \
  > "$OUT/app.log" 2>&1 &
APP=$!
SAMPLER=
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; [ -z "$SAMPLER" ] || kill $SAMPLER 2>/dev/null || true' EXIT
waited=0
until curl -sf -o /dev/null "$BASE/readyz"; do
  kill -0 $APP 2>/dev/null || { echo "soak: the app died:"; tail -50 "$OUT/app.log"; exit 1; }
  [ "$waited" -lt 300 ] || { echo "soak: not ready after 300 s"; exit 1; }
  sleep 1; waited=$((waited + 1))
done
SINCE=$(sql -e "SELECT UTC_TIMESTAMP()")
echo "soak: app up after ${waited}s; $MINUTES min, $USERS users; load: $(uptime | sed 's/.*load average: //')"

# every minute: the heap after a full GC, the pool's connections (open, in use) and the sockets to the database
# the sum of a metric's samples whose labels contain the filter; the value is the last field, since a label
# value may hold spaces (id="G1 Eden Space")
metric() { curl -s "http://127.0.0.1:$MANAGEMENT_PORT/actuator/prometheus" | awk -v name="$1" -v filter="${2:-}" \
  '$0 ~ "^"name"({|[ ])" && index($0, filter) { sum += $NF } END { printf "%d", sum }'; }
sample() {
  echo "minute heap_after_gc_mb pool_open pool_active db_sockets load1"
  for minute in $(seq 1 "$MINUTES"); do
    sleep 60
    jcmd $APP GC.run >/dev/null 2>&1 || true
    heap=$(metric jvm_memory_used_bytes 'area="heap"')
    echo "$minute $((heap / 1024 / 1024)) $(metric hikaricp_connections) $(metric hikaricp_connections_active)" \
      "$(ss -tn state established "( dport = :$DB_PORT )" 2>/dev/null | tail -n +2 | wc -l)" \
      "$(cut -d' ' -f1 /proc/loadavg)"
  done
}
sample > "$OUT/resources.txt" &
SAMPLER=$!
java -cp "$CP" com.example.shop.bench.Soak "$BASE" "$MINUTES" "$USERS" | tee "$OUT/load.txt"
wait $SAMPLER || true
SAMPLER=
echo; cat "$OUT/resources.txt"

# the end: give the registry a moment to deliver what the last requests published
for _ in $(seq 1 60); do
  incomplete=$(sql "$DB_NAME" -e "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL")
  [ "$incomplete" = 0 ] && break
  sleep 1
done
echo "soak: incomplete event publications at the end: $incomplete"
status=0
fivexx=$(awk '/^[0-9]+ [0-9]+ / { sum += $5 } END { print sum + 0 }' "$OUT/load.txt")
echo "soak: 5xx answers: $fivexx"
[ "$fivexx" = 0 ] || status=1
[ "$incomplete" = 0 ] || status=1
DB_NAME="$DB_NAME" SINCE="$SINCE" STALENESS=60 bench/invariants.sh || status=1
# heap after GC from minute 5 (or the first, in a shorter run) to the end: within 10 %
awk -v from=$(( MINUTES >= 5 ? 5 : 1 )) 'NR > 1 && $1 == from { first = $2 } NR > 1 { last = $2 }
  END { growth = first ? (last - first) * 100 / first : 0; printf "soak: heap after GC minute %d: %d MB, at the end: %d MB (%+.1f %%)\n", from, first, last, growth; exit (growth > 10) }' \
  "$OUT/resources.txt" || status=1
echo "soak: load at the end: $(uptime | sed 's/.*load average: //'); commit $(git rev-parse --short HEAD)"
[ "$status" = 0 ] && echo "soak: PASSED" || echo "soak: FAILED"
exit $status

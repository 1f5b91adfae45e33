#!/usr/bin/env bash
# The soak: the dev run against the machine's MariaDB (a database of its own, made afresh), driven by
# com.example.shop.bench.Soak with a realistic mix (browse, cart, checkout, pay by webhook, refunds, cancels) for a
# set time. Reports errors by status, latency percentiles per minute, the heap after a full GC and the database
# connections (open and in use) every minute, the event publications still incomplete at the end, and runs the
# invariant checker (bench/invariants.sh). Not part of CI. Exits 1 on a 5xx, an invariant violation, an
# incomplete publication or a heap after GC that grew more than 10 % from minute 5 to the end.
#
# The Stripe stand-in runs in a JVM of its own (StripeStandInServer, test scope), and the app reaches it through
# STRIPE_API_BASE, so the app starts no stand-in of its own: the stand-in keeps every PaymentIntent, charge and
# idempotent answer it ever made, as Stripe does on its side, and that memory must not count as the app's heap.
# Soak pays through the stand-in's control port and delivers the signed webhooks itself. At the end the script
# prints the stand-in's heap and how many stand-in objects a class histogram finds in the app (both for
# information). Logs and figures in target/soak/.
#
#   flock /work/wt/bench.lock bench/soak.sh          # 15 minutes, 8 users
#   SOAK_MINUTES=2 SOAK_USERS=4 bench/soak.sh        # a smoke run
#   SOAK_SKIP_BUILD=1 bench/soak.sh
# Ports (127.0.0.1): SOAK_PORT (8195) for the app, SOAK_MANAGEMENT_PORT (the next) for Actuator,
# SOAK_STRIPE_CONTROL_PORT (the one after) for the stand-in's control; its Stripe API port is a free one.
# SOAK_XMX (512m) is the app's heap, SOAK_STRIPE_XMX (512m) the stand-in's (36 MB after 3,355 checkouts).
set -euo pipefail
cd "$(dirname "$0")/.."

MINUTES="${SOAK_MINUTES:-15}"
USERS="${SOAK_USERS:-8}"
PORT="${SOAK_PORT:-8195}"
MANAGEMENT_PORT="${SOAK_MANAGEMENT_PORT:-$((PORT + 1))}"
STRIPE_CONTROL_PORT="${SOAK_STRIPE_CONTROL_PORT:-$((PORT + 2))}"
HEAP="${SOAK_XMX:-512m}"
STRIPE_HEAP="${SOAK_STRIPE_XMX:-512m}"
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

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$PORT" "$MANAGEMENT_PORT" "$STRIPE_CONTROL_PORT"; do
  if answers "$port"; then echo "soak: something already answers on port $port"; exit 1; fi
done
if [ -z "${SOAK_SKIP_BUILD:-}" ]; then
  echo "soak: building the test classpath"
  ./mvnw -B -q -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/soak-cp.txt > "$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
fi
CP="target/test-classes:target/classes:$(cat target/soak-cp.txt)"
sql -e "DROP DATABASE IF EXISTS \`$DB_NAME\`; CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

APP=
STRIPE=
SAMPLER=
stop_all() {
  for pid in $SAMPLER $APP $STRIPE; do kill "$pid" 2>/dev/null || true; done
  for pid in $SAMPLER $APP $STRIPE; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT

# the Stripe stand-in, in a JVM of its own: no request journal (nothing asserts on it; trimming it costs CPU)
rm -f "$OUT/stripe-url"
java -Xmx"$STRIPE_HEAP" -XX:+UseSerialGC -Dshop.stripe-stand-in.no-journal=true -cp "$CP" \
  com.example.shop.payments.StripeStandInServer "$STRIPE_CONTROL_PORT" "$OUT/stripe-url" > "$OUT/stripe.log" 2>&1 &
STRIPE=$!
for _ in $(seq 1 120); do [ -s "$OUT/stripe-url" ] && break; kill -0 $STRIPE 2>/dev/null || break; sleep 0.5; done
[ -s "$OUT/stripe-url" ] || { echo "soak: the Stripe stand-in did not start:"; cat "$OUT/stripe.log"; exit 1; }
STRIPE_BASE=$(cat "$OUT/stripe-url")

# the app: with STRIPE_API_BASE set, the dev run starts no stand-in of its own (testsupport/LocalEnvironment) and
# keeps its local test-mode keys and webhook secret, the one Soak signs with
SHOP_TEST_DATABASE_URL="jdbc:mysql://$DB_HOST:$DB_PORT/$DB_NAME?useInformationSchema=false&sslMode=DISABLED&allowPublicKeyRetrieval=true" \
SHOP_TEST_DATABASE_USERNAME="$DB_USER" SHOP_TEST_DATABASE_PASSWORD="$DB_PASSWORD" STRIPE_API_BASE="$STRIPE_BASE" \
java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -cp "$CP" com.example.shop.TestShopApplication \
  --server.port="$PORT" --management.server.port="$MANAGEMENT_PORT" --logging.level.com.example.shop=WARN \
  > "$OUT/app.log" 2>&1 &
APP=$!
waited=0
until curl -sf -o /dev/null "$BASE/readyz"; do
  kill -0 $APP 2>/dev/null || { echo "soak: the app died:"; tail -50 "$OUT/app.log"; exit 1; }
  [ "$waited" -lt 300 ] || { echo "soak: not ready after 300 s"; exit 1; }
  sleep 1; waited=$((waited + 1))
done
SINCE=$(sql -e "SELECT UTC_TIMESTAMP()")
echo "soak: app up after ${waited}s, Stripe stand-in (pid $STRIPE) on $STRIPE_BASE; $MINUTES min, $USERS users;" \
  "load: $(uptime | sed 's/.*load average: //')"

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
java -cp "$CP" com.example.shop.bench.Soak "$BASE" "$MINUTES" "$USERS" "http://127.0.0.1:$STRIPE_CONTROL_PORT" \
  | tee "$OUT/load.txt"
wait $SAMPLER || true
SAMPLER=
echo; cat "$OUT/resources.txt"

# for information: Stripe's side, the stand-in's heap after a full GC (it grows with every PaymentIntent), and
# what of the stand-in the app's heap holds (nothing: it only calls the stand-in over HTTP)
jcmd $STRIPE GC.run >/dev/null 2>&1 || true
stripe_heap=$(jstat -gc $STRIPE 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
  NR == 2 { printf "%d", ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024 }')
echo "soak: Stripe stand-in (own JVM, -Xmx$STRIPE_HEAP) heap after GC at the end: ${stripe_heap:-?} MB"
jcmd $APP GC.class_histogram > "$OUT/app-histogram.txt" 2>&1 || true
standin=$(awk 'tolower($4) ~ /wiremock|payments\.stripestandin|payments\.stripeobjects/ { sum += $2 } END { print sum + 0 }' \
  "$OUT/app-histogram.txt")
echo "soak: stand-in objects in the app's heap (WireMock, StripeStandIn*, StripeObjects*): $standin" \
  "(class histogram: $OUT/app-histogram.txt)"

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

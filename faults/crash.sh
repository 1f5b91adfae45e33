#!/usr/bin/env bash
# kill -9 at the two moments where a crash could lose or double something, against a MariaDB that outlives the
# application (the machine's, on 127.0.0.1:3306, in a database of its own that is dropped at the end):
#   1. an order committed (with its OrderPlaced publication) and the JVM gone before any listener ran or its
#      payment was started;
#   2. a Stripe webhook's PaymentSucceeded recorded and the JVM gone before orders applied it.
# The JVM halts itself at those moments (com.example.shop.faults.CrashPoint, test scope only: Runtime.halt, no
# shutdown hook, as kill -9). After each restart: the order reaches the state its payment says, every event
# publication is delivered, nothing is applied twice (a duplicate delivery of the webhook changes nothing, the
# stock is sold once), and bench/invariants.sh finds nothing.
#
#   faults/crash.sh                  # builds the test classpath first
#   FAULTS_SKIP_BUILD=1 faults/crash.sh
#   FAULTS_PORT=8191 DB_PORT=3306 faults/crash.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${FAULTS_PORT:-8191}"
MANAGEMENT_PORT="${FAULTS_MANAGEMENT_PORT:-$((PORT + 1))}"
DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
DB_USER="${DB_USER:-root}"
DB_PASSWORD="${DB_PASSWORD:-}"
DB_NAME="${FAULTS_DB_NAME:-shop_crash_$$}"
BASE="http://127.0.0.1:$PORT"
OUT=target/faults
STARTUP_TIMEOUT="${FAULTS_STARTUP_TIMEOUT:-300}"
mkdir -p "$OUT"
CLIENT=$(command -v mariadb || command -v mysql)
sql() { MYSQL_PWD="$DB_PASSWORD" "$CLIENT" --protocol=TCP -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -N -B "$@"; }
APP_PID=
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; fi
  sql -e "DROP DATABASE IF EXISTS \`$DB_NAME\`" || true
}
trap cleanup EXIT
fail() { echo "crash: FAILED: $*" >&2; exit 1; }

if curl -s -o /dev/null "$BASE/livez"; then fail "something already answers on port $PORT"; fi
sql -e "DROP DATABASE IF EXISTS \`$DB_NAME\`; CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
SINCE=$(sql -e "SELECT UTC_TIMESTAMP()")

if [ -z "${FAULTS_SKIP_BUILD:-}" ]; then
  echo "crash: building the test classpath"
  ./mvnw -B -q -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/faults-cp.txt > "$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
fi
CP="${FAULTS_EXTRA_CP:+$FAULTS_EXTRA_CP:}target/test-classes:target/classes:$(cat target/faults-cp.txt)"

# start <log> [extra args...]: the dev run plus the crash point, on this database, with the event registry's
# housekeeping fast (a publication left in progress by a dead JVM is delivered again 5 s after the restart)
start() {
  local log=$1; shift
  SHOP_TEST_DATABASE_URL="jdbc:mysql://$DB_HOST:$DB_PORT/$DB_NAME?useInformationSchema=false&sslMode=DISABLED&allowPublicKeyRetrieval=true" \
  SHOP_TEST_DATABASE_USERNAME="$DB_USER" SHOP_TEST_DATABASE_PASSWORD="$DB_PASSWORD" \
  java -Xmx768m -XX:TieredStopAtLevel=1 -cp "$CP" com.example.shop.CrashingShopApplication \
    --server.port="$PORT" --management.server.port="$MANAGEMENT_PORT" \
    --shop.events.staleness=5s --shop.events.staleness-check-interval=1s \
    --shop.events.resubmission-interval=1s --shop.events.resubmission-initial-delay=1s \
    --shop.payments.reconciliation.initial-delay=1h --shop.orders.payment-timeout-initial-delay=1h \
    --shop.idempotency.stale-after=10s \
    --logging.level.com.example.shop=INFO "$@" > "$log" 2>&1 &
  APP_PID=$!
  local waited=0
  until curl -sf -m 5 -o /dev/null "$BASE/readyz"; do
    kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$log"; fail "the application did not start ($log)"; }
    [ "$waited" -lt "$STARTUP_TIMEOUT" ] || { tail -50 "$log"; fail "not ready after ${STARTUP_TIMEOUT}s ($log)"; }
    sleep 1; waited=$((waited + 1))
  done
  echo "crash: application up after ${waited}s ($*)"
}
# halted: waits for the JVM to be gone after it met its crash point
halted() {
  local waited=0
  while kill -0 "$APP_PID" 2>/dev/null; do
    [ "$waited" -lt 60 ] || fail "the application did not halt at its crash point"
    sleep 1; waited=$((waited + 1))
  done
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
  grep -q "Crash point: halting" "$1" || fail "the application ended, but not at its crash point ($1)"
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }
call() { curl -s --max-time 30 "$@"; }
login() {
  call -H 'Content-Type: application/json' -d "{\"email\": \"$1\", \"password\": \"$2\"}" "$BASE/api/auth/login" | json "['accessToken']"
}
incomplete() { sql "$DB_NAME" -e "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL"; }
order_status() { sql "$DB_NAME" -e "SELECT status FROM orders_order WHERE id = UNHEX(REPLACE('$1', '-', ''))"; }
on_hand() { sql "$DB_NAME" -e "SELECT on_hand FROM catalog_stock WHERE product_id = UNHEX(REPLACE('$1', '-', ''))"; }
await_delivered() {
  local waited=0
  while [ "$(incomplete)" != 0 ]; do
    [ "$waited" -lt 60 ] || { sql "$DB_NAME" -e "SELECT event_type, listener_id, status FROM event_publication WHERE completion_date IS NULL"; fail "event publications still incomplete after 60 s"; }
    sleep 1; waited=$((waited + 1))
  done
}
started_at=$(date +%s)

# --- 1. killed after the order committed, before its listeners ran and before its payment started ---------------
start "$OUT/crash-1.log" --shop.faults.halt-after-commit-of=OrderPlaced
ADMIN=$(login admin@shop.test admin-password)
CUSTOMER=$(login customer@shop.test customer-password)
SKU="CRASH-$$-$RANDOM"
PRODUCT=$(call -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d "{\"sku\": \"$SKU\", \"slug\": \"${SKU,,}\",
  \"name\": \"Crash kettle\", \"description\": \"Sold while the shop crashes\", \"price\": {\"amount\": 2500, \"currency\": \"EUR\"},
  \"categorySlugs\": [], \"imageUrl\": null, \"active\": true, \"stock\": 10}" "$BASE/api/admin/products" | json "['id']")
CART=$(call -X POST "$BASE/api/carts" | json "['id']")
call -o /dev/null -H 'Content-Type: application/json' -d "{\"productId\": \"$PRODUCT\", \"quantity\": 2}" "$BASE/api/carts/$CART/items"
KEY=$(cat /proc/sys/kernel/random/uuid)
CHECKOUT="{\"cartId\": \"$CART\", \"shippingAddress\": {\"name\": \"Ada Lovelace\", \"line1\": \"12 Analytical St\", \"line2\": null,
  \"city\": \"London\", \"postalCode\": \"N1 9GU\", \"country\": \"GB\"}}"
call -o /dev/null -H "Authorization: Bearer $CUSTOMER" -H "Idempotency-Key: $KEY" -H 'Content-Type: application/json' \
  -d "$CHECKOUT" "$BASE/api/checkout" && fail "the checkout was answered: the crash point did not halt the JVM" || true
halted "$OUT/crash-1.log"
ORDER=$(sql "$DB_NAME" -e "SELECT LOWER(HEX(id)) FROM orders_order" | sed -E 's/(.{8})(.{4})(.{4})(.{4})(.{12})/\1-\2-\3-\4-\5/')
[ -n "$ORDER" ] || fail "the order did not commit before the crash"
[ "$(order_status "$ORDER")" = PENDING_PAYMENT ] || fail "order $ORDER is $(order_status "$ORDER") after the crash"
[ "$(incomplete)" != 0 ] || fail "no event publication was left incomplete by the crash"
echo "crash: 1. halted after order $ORDER committed; $(incomplete) publication(s) left incomplete"

# --- 2. after the restart: delivered; the checkout repeated with its key answers the same order; paid at Stripe;
#        killed after the webhook's PaymentSucceeded was recorded, before orders applied it ----------------------
start "$OUT/crash-2.log" --shop.faults.halt-after-commit-of=PaymentSucceeded
await_delivered
grep -q "Crash point witness: OrderPlaced $ORDER delivered" "$OUT/crash-2.log" || fail "OrderPlaced of $ORDER not delivered after the restart"
# the killed request left its key claimed: a repeat is told 409 "in progress" until the claim is stale-after old
# (10 s here, 2 min by default), then gets the order that request placed; a client retries as this loop does
for _ in $(seq 1 30); do
  REPEATED=$(call -H "Authorization: Bearer $CUSTOMER" -H "Idempotency-Key: $KEY" -H 'Content-Type: application/json' \
    -d "$CHECKOUT" "$BASE/api/checkout")
  echo "$REPEATED" | grep -q '"status":409' || break
  sleep 1
done
[ "$(echo "$REPEATED" | json "['orderId']")" = "$ORDER" ] || fail "the repeated checkout answered $REPEATED"
[ "$(sql "$DB_NAME" -e 'SELECT COUNT(*) FROM orders_order')" = 1 ] || fail "the repeated checkout placed a second order"
INTENT=$(call -H "Authorization: Bearer $CUSTOMER" "$BASE/api/orders/$ORDER/payment" | json "['paymentIntentId']")
call -o /dev/null -X POST "$BASE/dev/stripe/payment-intents/$INTENT/succeed" || true
halted "$OUT/crash-2.log"
[ "$(sql "$DB_NAME" -e "SELECT status FROM payments_payment WHERE payment_intent_id = '$INTENT'")" = SUCCEEDED ] \
  || fail "the payment was not recorded before the crash"
[ "$(order_status "$ORDER")" = PENDING_PAYMENT ] || fail "order $ORDER is $(order_status "$ORDER"): the crash came too late"
EVENT_ID=$(sql "$DB_NAME" -e "SELECT event_id FROM payments_webhook_event WHERE payment_intent_id = '$INTENT' AND type = 'payment_intent.succeeded'")
[ -n "$EVENT_ID" ] || fail "the webhook's event was not recorded"
echo "crash: 2. halted after PaymentSucceeded of $INTENT was recorded (event $EVENT_ID), order still PENDING_PAYMENT"

# --- 3. after the restart: the order is paid once, the stock sold once, everything delivered -------------------
start "$OUT/crash-3.log"
await_delivered
[ "$(order_status "$ORDER")" = PAID ] || fail "order $ORDER is $(order_status "$ORDER") after the restart, its payment SUCCEEDED"
# Stripe delivers the event again (it never saw the 200): recognised, nothing applied twice
PAYLOAD=$(sql "$DB_NAME" -e "SELECT 1" >/dev/null; python3 - "$EVENT_ID" "$INTENT" <<'PY'
import json, sys, time
event_id, intent = sys.argv[1], sys.argv[2]
print(json.dumps({"id": event_id, "object": "event", "api_version": "2026-07-29.dahlia", "created": int(time.time()),
  "type": "payment_intent.succeeded", "livemode": False, "pending_webhooks": 1, "request": {"id": None, "idempotency_key": None},
  "data": {"object": {"id": intent, "object": "payment_intent", "status": "succeeded"}}}, separators=(",", ":")))
PY
)
T=$(date +%s)
SIGNATURE=$(printf '%s' "$T.$PAYLOAD" | openssl dgst -sha256 -hmac whsec_local_stand_in -hex | sed 's/^.* //')
STATUS=$(curl -s -o "$OUT/redelivery.json" -w '%{http_code}' -H "Stripe-Signature: t=$T,v1=$SIGNATURE" \
  -H 'Content-Type: application/json' --data-binary "$PAYLOAD" "$BASE/api/payments/stripe/webhook")
[ "$STATUS" = 200 ] || fail "the redelivered webhook was answered $STATUS: $(cat "$OUT/redelivery.json")"
sleep 2
await_delivered
[ "$(on_hand "$PRODUCT")" = 8 ] || fail "on hand is $(on_hand "$PRODUCT") after selling 2 of 10 once"
[ "$(sql "$DB_NAME" -e "SELECT reserved FROM catalog_stock WHERE product_id = UNHEX(REPLACE('$PRODUCT', '-', ''))")" = 0 ] \
  || fail "stock still reserved"
DB_NAME="$DB_NAME" SINCE="$SINCE" STALENESS=0 bench/invariants.sh || fail "invariants"
echo "crash: 3. after the restart order $ORDER is PAID, the redelivered webhook changed nothing, stock 10 -> 8"
echo "crash: passed in $(( $(date +%s) - started_at ))s"

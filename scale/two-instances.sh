#!/usr/bin/env bash
# Two instances of the production jar behind HAProxy (round robin), on one database of the machine's MariaDB
# (127.0.0.1:3306, a database of its own, dropped at the end), the machine's Redis (a key prefix of its own,
# deleted at the end) and RabbitMQ (a queue of its own on the exchange shop.events), with one Stripe stand-in
# that both instances call (StripeStandInServer, test scope). Then, through the load balancer or at the two
# instances at once, what "any number of instances behave as one" promises (docs/operations.md, "Topology"):
#   1. 20 buyers racing for 5 units: exactly 5 orders;
#   2. one Idempotency-Key sent to A and to B at once: one order;
#   3. one signed webhook delivered to A and B at once, five times: one confirmation, one orders.paid message;
#   4. the login throttle reached with attempts spread over both, per e-mail and per client address (the
#      address HAProxy puts in X-Forwarded-For; every client here is another 127.0.0.x);
#   5. an admin's price change on A served by B within a second;
#   6. an order stream held on B sees a payment confirmed on A;
#   7. kill -9 of A in the middle of checkouts: every accepted order is in the database, intact, and its
#      orders.placed message is delivered (B's event maintenance takes over what A left in progress).
# Each check prints PASS or FAIL with what it saw; the script exits 1 if any failed. Everything it started is
# stopped at the end, also after a failure or Ctrl-C.
#
#   scale/two-instances.sh                        # builds the jar and the test classpath first
#   SCALE_SKIP_BUILD=1 scale/two-instances.sh     # reuses target/shop-api-*.jar, target/test-classes and the
#                                                 # test classpath of faults/crash.sh (target/faults-cp.txt)
#   SCALE_CHECKS='1 2 5' scale/two-instances.sh   # only these checks
# Ports (127.0.0.1): SCALE_PORT (19400) for HAProxy, A on 19410/19411, B on 19420/19421 (API/Actuator), the
# stand-in's control on 19430. DB_HOST/DB_PORT/DB_USER/DB_PASSWORD move the database.
set -euo pipefail
cd "$(dirname "$0")/.."

LB_PORT="${SCALE_PORT:-19400}"
A_PORT="${SCALE_A_PORT:-19410}"
B_PORT="${SCALE_B_PORT:-19420}"
STRIPE_CONTROL_PORT="${SCALE_STRIPE_CONTROL_PORT:-19430}"
DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
DB_USER="${DB_USER:-root}"
DB_PASSWORD="${DB_PASSWORD:-}"
DB_NAME="${SCALE_DB_NAME:-shop_scale_$$}"
CHECKS="${SCALE_CHECKS:-1 2 3 4 5 6 7}"
STARTUP_TIMEOUT="${SCALE_STARTUP_TIMEOUT:-240}"
LB="http://127.0.0.1:$LB_PORT"
A="http://127.0.0.1:$A_PORT"
B="http://127.0.0.1:$B_PORT"
RUN="$$-$RANDOM"
PREFIX="shop-scale-$RUN"
QUEUE="shop-scale-$RUN"
WEBHOOK_SECRET="whsec_scale_$RUN"
ADMIN_EMAIL="admin-$RUN@scale.test"
ADMIN_PASSWORD="admin-password-$RUN"
PER_ADDRESS_ATTEMPTS=8
OUT=target/scale
rm -rf "$OUT" && mkdir -p "$OUT"
CLIENT=$(command -v mariadb || command -v mysql)
sql() { MYSQL_PWD="$DB_PASSWORD" "$CLIENT" --protocol=TCP -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -N -B "$@"; }
say() { echo "scale: $*"; }
die() { echo "scale: FAILED: $*" >&2; exit 1; }
started_at=$(date +%s)

# --- the machine's services ------------------------------------------------------------------------------------
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
await_port() { for _ in $(seq 1 60); do answers "$1" && return 0; sleep 1; done; return 1; }
if ! answers 6379; then say "starting Redis"; as_root service redis-server start >/dev/null || true; fi
await_port 6379 || die "Redis does not answer on 127.0.0.1:6379"
if ! answers 5672; then say "starting RabbitMQ"; as_root service rabbitmq-server start >/dev/null || true; fi
await_port 5672 || die "RabbitMQ does not answer on 127.0.0.1:5672"
if ! command -v haproxy >/dev/null; then
  say "installing HAProxy from Debian's packages"
  as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends haproxy >/dev/null
fi
for port in "$LB_PORT" "$A_PORT" "$((A_PORT + 1))" "$B_PORT" "$((B_PORT + 1))" "$STRIPE_CONTROL_PORT"; do
  answers "$port" && die "something already answers on port $port"
done

# --- build ------------------------------------------------------------------------------------------------------
if [ -z "${SCALE_SKIP_BUILD:-}" ]; then
  say "building the jar and the test classpath"
  ./mvnw -B -q -ntp -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/scale-cp.txt > "$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
fi
JAR=$(ls target/shop-api-*[0-9T].jar 2>/dev/null | head -1)
[ -n "$JAR" ] || die "no target/shop-api-*.jar (run without SCALE_SKIP_BUILD)"
CP_FILE=target/scale-cp.txt
[ -f "$CP_FILE" ] || CP_FILE=target/faults-cp.txt
[ -f "$CP_FILE" ] || die "no test classpath (target/scale-cp.txt or target/faults-cp.txt): run without SCALE_SKIP_BUILD"
TEST_CP="target/test-classes:$(cat "$CP_FILE")"

# --- start everything, stop it all at the end ----------------------------------------------------------------
PIDS=()
A_PID=
B_PID=
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  java -cp "$TEST_CP" com.example.shop.scale.QueueTap delete "$QUEUE" >/dev/null 2>&1 || true
  redis-cli --scan --pattern "$PREFIX:*" 2>/dev/null | xargs -r -n 100 redis-cli del >/dev/null 2>&1 || true
  sql -e "DROP DATABASE IF EXISTS \`$DB_NAME\`" || true
  say "stopped everything it started; database $DB_NAME dropped ($(( $(date +%s) - started_at )) s in all)"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

sql -e "CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
SINCE=$(sql -e "SELECT UTC_TIMESTAMP()")

java -Xmx128m -XX:TieredStopAtLevel=1 -cp "$TEST_CP" com.example.shop.payments.StripeStandInServer \
  "$STRIPE_CONTROL_PORT" "$OUT/stripe-url" > "$OUT/stripe.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do [ -s "$OUT/stripe-url" ] && break; sleep 0.5; done
[ -s "$OUT/stripe-url" ] || { cat "$OUT/stripe.log"; die "the Stripe stand-in did not start"; }
JWT_SECRET=$(openssl rand -base64 48)

# start <name> <port>: the production jar with the shared services and short event-registry intervals (a
# publication left in progress by a dead instance is taken over 5 s later); the order streams' heartbeat is a
# minute, so a change reaching a stream sooner came through the fan-out
start() {
  local name=$1 port=$2
  SPRING_DATASOURCE_URL="jdbc:mysql://$DB_HOST:$DB_PORT/$DB_NAME?useInformationSchema=false&sslMode=DISABLED&allowPublicKeyRetrieval=true" \
  SPRING_DATASOURCE_USERNAME="$DB_USER" SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD" \
  SHOP_JWT_SECRET="$JWT_SECRET" SHOP_ADMIN_EMAIL="$ADMIN_EMAIL" SHOP_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  STRIPE_SECRET_KEY=sk_test_scale STRIPE_PUBLISHABLE_KEY=pk_test_scale STRIPE_WEBHOOK_SECRET="$WEBHOOK_SECRET" \
  STRIPE_API_BASE="$(cat "$OUT/stripe-url")" \
  SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=6379 SHOP_REDIS_KEY_PREFIX="$PREFIX" \
  SPRING_RABBITMQ_HOST=127.0.0.1 SPRING_RABBITMQ_PORT=5672 SPRING_RABBITMQ_USERNAME=guest SPRING_RABBITMQ_PASSWORD=guest \
  SHOP_WEB_TRUSTED_PROXIES=127.0.0.1 SHOP_LOGIN_PER_ADDRESS_ATTEMPTS="$PER_ADDRESS_ATTEMPTS" \
  java -Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" \
    --server.address=127.0.0.1 --server.port="$port" \
    --management.server.address=127.0.0.1 --management.server.port="$((port + 1))" \
    --shop.events.staleness=5s --shop.events.staleness-check-interval=1s \
    --shop.events.resubmission-interval=1s --shop.events.resubmission-initial-delay=1s \
    --shop.payments.reconciliation.initial-delay=1h --shop.orders.payment-timeout-initial-delay=1h \
    --shop.orders.events.heartbeat=60s --logging.level.com.example.shop=INFO \
    > "$OUT/$name.log" 2>&1 &
  PIDS+=($!)
  eval "${name}_PID=$!"
}
await_ready() {
  local name=$1 base=$2 pid=$3 waited=0
  until curl -sf -m 5 -o /dev/null "$base/readyz"; do
    kill -0 "$pid" 2>/dev/null || { tail -40 "$OUT/$name.log"; die "instance $name did not start ($OUT/$name.log)"; }
    [ "$waited" -lt "$STARTUP_TIMEOUT" ] || { tail -40 "$OUT/$name.log"; die "instance $name not ready after ${STARTUP_TIMEOUT}s"; }
    sleep 1; waited=$((waited + 1))
  done
  say "instance $name ready on $base after ${waited}s"
}
say "starting instances A ($A) and B ($B): $JAR"
# B once A has migrated the schema: on an empty database Liquibase creates its history table before it takes its
# lock, so two first starts at once can collide (docs/operations.md, "Running in production")
start A "$A_PORT"
for _ in $(seq 1 "$STARTUP_TIMEOUT"); do
  grep -q 'Initialized JPA EntityManagerFactory' "$OUT/A.log" 2>/dev/null && break
  kill -0 "$A_PID" 2>/dev/null || break
  sleep 1
done
start B "$B_PORT"
await_ready A "$A" "$A_PID"
await_ready B "$B" "$B_PID"

cat > "$OUT/haproxy.cfg" <<EOF
global
    maxconn 512
defaults
    mode http
    timeout connect 2s
    timeout client 65s
    timeout server 65s
    timeout tunnel 65s
frontend api
    bind 127.0.0.1:$LB_PORT
    option forwardfor
    default_backend shop
backend shop
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 1s fall 1 rise 2
    server a 127.0.0.1:$A_PORT check
    server b 127.0.0.1:$B_PORT check
EOF
haproxy -db -f "$OUT/haproxy.cfg" > "$OUT/haproxy.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 30); do curl -sf -o /dev/null "$LB/readyz" && break; sleep 0.5; done
curl -sf -o /dev/null "$LB/readyz" || { cat "$OUT/haproxy.log"; die "HAProxy does not answer on $LB"; }
say "HAProxy on $LB, round robin over A and B"

java -cp "$TEST_CP" com.example.shop.scale.QueueTap bind "$QUEUE" 'orders.#' > "$OUT/queue.log" 2>&1 \
  || { cat "$OUT/queue.log"; die "could not bind a queue to the exchange shop.events"; }
: > "$OUT/messages.txt"

# --- helpers --------------------------------------------------------------------------------------------------
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1" 2>/dev/null || true; }
call() { curl -s --max-time 30 "$@"; }
post() { local url=$1; shift; call -H 'Content-Type: application/json' "$@" -X POST "$url"; }
hex() { echo "${1//-/}"; }
login() { post "$1/api/auth/login" -d "{\"email\": \"$2\", \"password\": \"$3\"}" | json "['accessToken']"; }
ADDRESS='{"name": "Ada Lovelace", "line1": "12 Analytical St", "line2": null, "city": "London", "postalCode": "N1 9GU", "country": "GB"}'
# new_product <stock> <price>: "<id> <slug>"
new_product() {
  local sku="SCALE-$RUN-$RANDOM$RANDOM"
  local body
  body=$(post "$A/api/admin/products" -H "Authorization: Bearer $ADMIN" -d "{\"sku\": \"$sku\", \"slug\": \"${sku,,}\",
    \"name\": \"Scale kettle $sku\", \"description\": \"Sold by two instances\", \"price\": {\"amount\": $2, \"currency\": \"EUR\"},
    \"categorySlugs\": [], \"imageUrl\": null, \"active\": true, \"stock\": $1}")
  echo "$(echo "$body" | json "['id']") ${sku,,}"
}
# guest_cart <product> <base>: an anonymous cart holding one unit
guest_cart() {
  local cart
  cart=$(post "${2:-$LB}/api/carts" | json "['id']")
  post "${2:-$LB}/api/carts/$cart/items" -o /dev/null -d "{\"productId\": \"$1\", \"quantity\": 1}"
  echo "$cart"
}
guest_checkout_body() { echo "{\"cartId\": \"$1\", \"email\": \"$2\", \"shippingAddress\": $ADDRESS}"; }
# signed <payload>: the Stripe-Signature header value for it, as Stripe signs (t=<unix>,v1=HMAC-SHA256)
signed() {
  local t; t=$(date +%s)
  echo "t=$t,v1=$(printf '%s' "$t.$1" | openssl dgst -sha256 -hmac "$WEBHOOK_SECRET" -hex | sed 's/^.* //')"
}
# succeeded_event <paymentIntentId>: the stand-in's PaymentIntent succeeds; the event Stripe would send
succeeded_event() { call -X POST "http://127.0.0.1:$STRIPE_CONTROL_PORT/payment-intents/$1/succeed"; }
deliver() { curl -s --max-time 30 -o /dev/null -w '%{http_code}' -H "Stripe-Signature: $2" -H 'Content-Type: application/json' \
  --data-binary "$3" "$1/api/payments/stripe/webhook"; }
drain() { java -cp "$TEST_CP" com.example.shop.scale.QueueTap drain "$QUEUE" "$OUT/messages.txt" >> "$OUT/queue.log" 2>&1 || true; }
# messages <routing key> <order id>: how many messages with that key name the order
messages() { drain; awk -F'\t' -v key="$1" -v id="$2" '$1 == key && index($2, id) > 0' "$OUT/messages.txt" | wc -l; }
status_of() { sql "$DB_NAME" -e "SELECT status FROM orders_order WHERE id = UNHEX('$(hex "$1")')"; }

ADMIN=$(login "$LB" "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
[ -n "$ADMIN" ] || die "the administrator cannot log in"
# a customer for the checks that need an account
CUSTOMER_EMAIL="buyer-$RUN@scale.test"
CUSTOMER_ID=$(post "$LB/api/auth/register" -d "{\"email\": \"$CUSTOMER_EMAIL\", \"password\": \"buyer-password\", \"name\": \"Scale Buyer\"}" | json "['id']")
CUSTOMER=$(login "$LB" "$CUSTOMER_EMAIL" buyer-password)
[ -n "$CUSTOMER" ] || die "the customer cannot log in"

RESULTS=()
FAILED=0
# check <number> <title> <function>: runs it, prints and records PASS or FAIL with what the function said last
check() {
  local number=$1 title=$2 fn=$3
  [[ " $CHECKS " == *" $number "* ]] || return 0
  say "--- check $number: $title"
  local status=0
  # not in a subshell: a check may leave something for a later one (check 3 pays the order of check 2)
  "$fn" > "$OUT/check-$number.txt" 2>&1 || status=$?
  sed 's/^/scale:   /' "$OUT/check-$number.txt"
  if [ "$status" = 0 ]; then RESULTS+=("PASS  $number. $title"); else RESULTS+=("FAIL  $number. $title"); FAILED=1; fi
  say "${RESULTS[-1]}"
}

# --- 1. 20 buyers racing for 5 units -----------------------------------------------------------------------------
race_for_stock() {
  local product slug carts=() pids=()
  read -r product slug < <(new_product 5 1500)
  for i in $(seq 1 20); do carts+=("$(guest_cart "$product")"); done
  for i in $(seq 1 20); do
    post "$LB/api/checkout" -o "$OUT/race-$i.json" -w '%{http_code}' \
      -d "$(guest_checkout_body "${carts[$((i - 1))]}" "racer-$i-$RUN@scale.test")" > "$OUT/race-$i.code" &
    pids+=($!)
  done
  wait "${pids[@]}" || true
  local placed=0 refused=0 other=0 code
  for i in $(seq 1 20); do
    code=$(cat "$OUT/race-$i.code")
    case "$code" in 201) placed=$((placed + 1)) ;; 409) refused=$((refused + 1)) ;; *) other=$((other + 1)) ;; esac
  done
  local in_db reserved
  in_db=$(sql "$DB_NAME" -e "SELECT COUNT(DISTINCT order_id) FROM orders_order_line WHERE product_id = UNHEX('$(hex "$product")')")
  reserved=$(sql "$DB_NAME" -e "SELECT SUM(reserved) FROM catalog_stock WHERE product_id = UNHEX('$(hex "$product")')")
  echo "answers: $placed placed (201), $refused out of stock (409), $other other; orders in the database: $in_db; reserved: $reserved"
  [ "$placed" = 5 ] && [ "$in_db" = 5 ] && [ "$reserved" = 5 ] && [ "$other" = 0 ]
}

# --- 2. one Idempotency-Key at A and B at once --------------------------------------------------------------------
IDEMPOTENT_ORDER=
idempotency_across_instances() {
  local product slug cart key body
  read -r product slug < <(new_product 10 2500)
  cart=$(post "$LB/api/carts" -H "Authorization: Bearer $CUSTOMER" | json "['id']")
  post "$LB/api/carts/$cart/items" -H "Authorization: Bearer $CUSTOMER" -o /dev/null -d "{\"productId\": \"$product\", \"quantity\": 2}"
  key=$(cat /proc/sys/kernel/random/uuid)
  body="{\"cartId\": \"$cart\", \"shippingAddress\": $ADDRESS}"
  post "$A/api/checkout" -H "Authorization: Bearer $CUSTOMER" -H "Idempotency-Key: $key" -d "$body" \
    -o "$OUT/idem-a.json" -w '%{http_code}' > "$OUT/idem-a.code" &
  local a=$!
  post "$B/api/checkout" -H "Authorization: Bearer $CUSTOMER" -H "Idempotency-Key: $key" -d "$body" \
    -o "$OUT/idem-b.json" -w '%{http_code}' > "$OUT/idem-b.code" &
  local b=$!
  wait "$a" "$b" || true
  local order_a order_b in_db
  order_a=$(json "['orderId']" < "$OUT/idem-a.json"); order_b=$(json "['orderId']" < "$OUT/idem-b.json")
  in_db=$(sql "$DB_NAME" -e "SELECT COUNT(DISTINCT order_id) FROM orders_order_line WHERE product_id = UNHEX('$(hex "$product")')")
  echo "A answered $(cat "$OUT/idem-a.code") order ${order_a:-none}, B answered $(cat "$OUT/idem-b.code") order ${order_b:-none}; orders in the database: $in_db"
  IDEMPOTENT_ORDER=${order_a:-$order_b}
  [ "$in_db" = 1 ] || return 1
  [ -n "$order_a$order_b" ] || return 1
  # whoever got an order got the same one; a 409 request-in-progress is the other allowed answer
  for side in a b; do
    local code order
    code=$(cat "$OUT/idem-$side.code"); order=$(json "['orderId']" < "$OUT/idem-$side.json")
    case "$code" in
      201) [ "$order" = "$IDEMPOTENT_ORDER" ] || return 1 ;;
      409) grep -q 'request-in-progress' "$OUT/idem-$side.json" || return 1 ;;
      *) return 1 ;;
    esac
  done
}

# --- 3. the same signed webhook at A and B at once, five times ------------------------------------------------------
one_confirmation_per_webhook() {
  local order=$IDEMPOTENT_ORDER
  if [ -z "$order" ]; then
    local product slug cart
    read -r product slug < <(new_product 10 2500)
    cart=$(guest_cart "$product")
    order=$(post "$LB/api/checkout" -d "$(guest_checkout_body "$cart" "webhook-$RUN@scale.test")" | json "['orderId']")
  fi
  local intent payload event codes=()
  intent=$(sql "$DB_NAME" -e "SELECT payment_intent_id FROM payments_payment WHERE reference = '$order'")
  [ -n "$intent" ] || { echo "no payment for order $order"; return 1; }
  payload=$(succeeded_event "$intent")
  event=$(echo "$payload" | json "['id']")
  local signature; signature=$(signed "$payload")
  for round in 1 2 3 4 5; do
    deliver "$A" "$signature" "$payload" > "$OUT/webhook-$round-a.code" &
    local a=$!
    deliver "$B" "$signature" "$payload" > "$OUT/webhook-$round-b.code" &
    local b=$!
    wait "$a" "$b" || true
    codes+=("$(cat "$OUT/webhook-$round-a.code")/$(cat "$OUT/webhook-$round-b.code")")
  done
  local waited=0
  while [ "$(status_of "$order")" != PAID ] && [ "$waited" -lt 20 ]; do sleep 0.5; waited=$((waited + 1)); done
  local recorded paid
  recorded=$(sql "$DB_NAME" -e "SELECT COUNT(*) FROM payments_webhook_event WHERE event_id = '$event'")
  # at least once: wait for the message, then a while longer for a second one
  for _ in $(seq 1 20); do [ "$(messages orders.paid "$order")" -ge 1 ] && break; sleep 1; done
  sleep 3
  paid=$(messages orders.paid "$order")
  echo "event $event for order $order delivered 5 times to A and B at once, answers (A/B): ${codes[*]}"
  echo "order status $(status_of "$order"); webhook events recorded: $recorded; orders.paid messages on shop.events: $paid"
  [ "$(status_of "$order")" = PAID ] && [ "$recorded" = 1 ] && [ "$paid" = 1 ]
}

# --- 4. the login throttle across instances ------------------------------------------------------------------------
login_throttle_across_instances() {
  # per e-mail: 10 failed logins (the default limit), each from another client address, round robin over A and B
  local codes=() i
  for i in $(seq 1 10); do
    codes+=("$(call --interface "127.0.1.$i" -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
      -d "{\"email\": \"$CUSTOMER_EMAIL\", \"password\": \"wrong-$i\"}" "$LB/api/auth/login")")
  done
  local eleventh
  eleventh=$(call --interface 127.0.1.11 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"email\": \"$CUSTOMER_EMAIL\", \"password\": \"buyer-password\"}" "$LB/api/auth/login")
  echo "per e-mail: 10 wrong passwords answered ${codes[*]}; the 11th attempt (right password) answered $eleventh"
  local per_email_ok=1
  [[ " ${codes[*]} " == *" 429 "* ]] && per_email_ok=0
  [ "$eleventh" = 429 ] || per_email_ok=0
  # per address: $PER_ADDRESS_ATTEMPTS failed logins from 127.0.2.1 for as many e-mails, then one more
  local address_codes=()
  for i in $(seq 1 "$PER_ADDRESS_ATTEMPTS"); do
    address_codes+=("$(call --interface 127.0.2.1 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
      -d "{\"email\": \"nobody-$i-$RUN@scale.test\", \"password\": \"wrong\"}" "$LB/api/auth/login")")
  done
  local over other
  over=$(call --interface 127.0.2.1 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"email\": \"nobody-x-$RUN@scale.test\", \"password\": \"wrong\"}" "$LB/api/auth/login")
  other=$(call --interface 127.0.2.2 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"email\": \"nobody-y-$RUN@scale.test\", \"password\": \"wrong\"}" "$LB/api/auth/login")
  echo "per address ($PER_ADDRESS_ATTEMPTS allowed): 127.0.2.1's failures answered ${address_codes[*]}, its next $over; another address (127.0.2.2) $other"
  local per_address_ok=1
  [[ " ${address_codes[*]} " == *" 429 "* ]] && per_address_ok=0
  [ "$over" = 429 ] || per_address_ok=0
  [ "$other" = 401 ] || per_address_ok=0
  [ "$per_email_ok" = 1 ] && [ "$per_address_ok" = 1 ]
}

# --- 5. a price change on A served by B within a second -------------------------------------------------------------
price_change_seen_everywhere() {
  local product slug version before
  read -r product slug < <(new_product 10 1000)
  before=$(call "$B/api/products/$slug" | json "['price']['amount']")
  call -o /dev/null "$B/api/products/$slug" # cached on B now
  version=$(call -H "Authorization: Bearer $ADMIN" "$A/api/admin/products/$product" | json "['version']")
  local changed_at seen=
  changed_at=$(date +%s%N)
  local code
  code=$(call -o "$OUT/price-change.json" -w '%{http_code}' -X PUT -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"sku\": \"${slug^^}\", \"slug\": \"$slug\", \"name\": \"Scale kettle\", \"price\": {\"amount\": 1234}, \"categorySlugs\": [], \"version\": $version}" \
    "$A/api/admin/products/$product")
  [ "$code" = 200 ] || { echo "the change on A answered $code: $(cat "$OUT/price-change.json")"; return 1; }
  local now price
  while :; do
    price=$(call "$B/api/products/$slug" | json "['price']['amount']")
    now=$(date +%s%N)
    if [ "$price" = 1234 ]; then seen=$(( (now - changed_at) / 1000000 )); break; fi
    [ $(( now - changed_at )) -lt 1000000000 ] || break
    sleep 0.05
  done
  echo "B served $before before; after the change on A it served ${price:-no price} ${seen:+after ${seen} ms}$([ -n "$seen" ] || echo "(still after 1 s)")"
  [ -n "$price" ] || echo "B's last answer: $(call "$B/api/products/$slug" | head -c 300)"
  [ -n "$seen" ]
}

# --- 6. an order stream on B sees a payment confirmed on A -----------------------------------------------------------
stream_across_instances() {
  local product slug cart body order key intent ticket
  read -r product slug < <(new_product 10 1800)
  cart=$(guest_cart "$product")
  body=$(post "$LB/api/checkout" -d "$(guest_checkout_body "$cart" "stream-$RUN@scale.test")")
  order=$(echo "$body" | json "['orderId']"); key=$(echo "$body" | json "['orderAccessKey']")
  intent=$(echo "$body" | json "['payment']['paymentIntentId']")
  [ -n "$order" ] && [ -n "$intent" ] || { echo "the checkout answered $body"; return 1; }
  ticket=$(post "$B/api/orders/$order/events/ticket" -H "Order-Access-Key: $key" | json "['ticket']")
  [ -n "$ticket" ] || { echo "no ticket for order $order"; return 1; }
  curl -sN --max-time 20 "$B/api/orders/$order/events?ticket=$ticket" > "$OUT/stream.txt" 2>/dev/null &
  local stream=$!
  for _ in $(seq 1 50); do grep -q '"status":"PENDING_PAYMENT"' "$OUT/stream.txt" && break; sleep 0.1; done
  grep -q '"status":"PENDING_PAYMENT"' "$OUT/stream.txt" || { kill "$stream" 2>/dev/null; echo "the stream on B did not open"; return 1; }
  local payload code
  payload=$(succeeded_event "$intent")
  code=$(deliver "$A" "$(signed "$payload")" "$payload")
  local delivered_at seen=
  delivered_at=$(date +%s%N)
  for _ in $(seq 1 50); do
    if grep -q '"status":"PAID"' "$OUT/stream.txt"; then seen=$(( ($(date +%s%N) - delivered_at) / 1000000 )); break; fi
    sleep 0.1
  done
  kill "$stream" 2>/dev/null || true; wait "$stream" 2>/dev/null || true
  echo "webhook on A answered $code; order $order is $(status_of "$order"); the stream on B ${seen:+showed PAID after ${seen} ms}$([ -n "$seen" ] || echo "showed no PAID within 5 s (heartbeat 60 s)")"
  [ -n "$seen" ]
}

# --- 7. kill -9 of A in the middle of checkouts -----------------------------------------------------------------------
crash_of_one_instance() {
  local product slug carts=() pids=() n=40 i
  read -r product slug < <(new_product 1000 900)
  for i in $(seq 1 $n); do carts+=("$(guest_cart "$product")"); done
  for i in $(seq 1 $n); do
    post "$LB/api/checkout" -o "$OUT/crash-$i.json" -w '%{http_code}' \
      -d "$(guest_checkout_body "${carts[$((i - 1))]}" "crash-$i-$RUN@scale.test")" > "$OUT/crash-$i.code" 2>/dev/null &
    pids+=($!)
    if [ "$i" = 12 ]; then kill -9 "$A_PID"; echo "kill -9 of A (pid $A_PID) after 12 checkouts were sent"; fi
    sleep 0.05
  done
  wait "${pids[@]}" || true
  wait "$A_PID" 2>/dev/null || true
  local accepted=() refused=0
  for i in $(seq 1 $n); do
    if [ "$(cat "$OUT/crash-$i.code")" = 201 ]; then accepted+=("$(json "['orderId']" < "$OUT/crash-$i.json")"); else refused=$((refused + 1)); fi
  done
  echo "${#accepted[@]} checkouts accepted (201), $refused not (the connection to A cut, or sent to A before HAProxy saw it down)"
  local missing=0 broken=0 order
  for order in "${accepted[@]}"; do
    local row
    row=$(sql "$DB_NAME" -e "SELECT o.status, COUNT(l.id), SUM(l.quantity) FROM orders_order o JOIN orders_order_line l ON l.order_id = o.id
      WHERE o.id = UNHEX('$(hex "$order")') GROUP BY o.status")
    [ -n "$row" ] || { missing=$((missing + 1)); continue; }
    [ "$row" = "$(printf 'PENDING_PAYMENT\t1\t1')" ] || broken=$((broken + 1))
  done
  local in_db reserved
  in_db=$(sql "$DB_NAME" -e "SELECT COUNT(DISTINCT order_id) FROM orders_order_line WHERE product_id = UNHEX('$(hex "$product")')")
  reserved=$(sql "$DB_NAME" -e "SELECT SUM(reserved) FROM catalog_stock WHERE product_id = UNHEX('$(hex "$product")')")
  echo "accepted orders missing from the database: $missing, not intact: $broken; orders of the product in the database: $in_db (an order A committed without answering counts here), units reserved: $reserved"
  # every accepted order's orders.placed message, after B took over what A left in progress
  local undelivered=("${accepted[@]}") waited=0
  while [ "${#undelivered[@]}" -gt 0 ] && [ "$waited" -lt 90 ]; do
    sleep 2; waited=$((waited + 2)); drain
    local still=()
    for order in "${undelivered[@]}"; do
      awk -F'\t' -v id="$order" '$1 == "orders.placed" && index($2, id) > 0 { found = 1 } END { exit !found }' "$OUT/messages.txt" || still+=("$order")
    done
    undelivered=("${still[@]}")
  done
  local incomplete
  incomplete=$(sql "$DB_NAME" -e "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL")
  echo "accepted orders without an orders.placed message after ${waited}s: ${#undelivered[@]}; event publications still incomplete: $incomplete"
  local invariants=0
  DB_NAME="$DB_NAME" SINCE="$SINCE" STALENESS=60 bench/invariants.sh > "$OUT/invariants.txt" 2>&1 || invariants=1
  sed 's/^/  /' "$OUT/invariants.txt" | head -20
  [ "${#accepted[@]}" -gt 0 ] && [ "$missing" = 0 ] && [ "$broken" = 0 ] && [ "$in_db" = "$reserved" ] \
    && [ "${#undelivered[@]}" = 0 ] && [ "$invariants" = 0 ]
}

check 1 "20 buyers racing for 5 units through the load balancer: exactly 5 orders" race_for_stock
check 2 "one Idempotency-Key sent to A and to B at once: one order" idempotency_across_instances
check 3 "one signed webhook delivered to A and B at once, five times: one confirmation, one orders.paid message" one_confirmation_per_webhook
check 4 "the login throttle reached with attempts spread over A and B, per e-mail and per client address" login_throttle_across_instances
check 5 "an admin's price change on A served by B within a second" price_change_seen_everywhere
check 6 "an order stream held on B sees a payment confirmed on A" stream_across_instances
check 7 "kill -9 of A in the middle of checkouts: accepted orders intact, their orders.placed delivered" crash_of_one_instance

echo
say "results ($(( $(date +%s) - started_at )) s):"
printf 'scale:   %s\n' "${RESULTS[@]}"
[ "$FAILED" = 0 ] || die "a check failed (logs under $OUT/)"
say "passed"

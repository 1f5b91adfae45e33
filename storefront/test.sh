#!/usr/bin/env bash
# The storefront's browser tests (Playwright, Debian's Chromium, headless) against a dev run that is already up:
#   ./mvnw spring-boot:test-run          # in one terminal
#   bash storefront/test.sh              # in another (or: npm run test:storefront); extra arguments go to Playwright
# API_PORT (8080) and STOREFRONT_PORT (8090) choose the ports; the storefront is served here (npm run storefront)
# unless something answers on its port already, and stopped again at the end. A dev run on another port than the
# storefront's default needs that origin allowed: SHOP_CORS_ALLOWED_ORIGINS=http://127.0.0.1:<port>.
# Failed tests leave a screenshot of every step under target/storefront-test-results/ (the paths are printed).
set -euo pipefail
cd "$(dirname "$0")/.."

API_PORT=${API_PORT:-8080}
STOREFRONT_PORT=${STOREFRONT_PORT:-8090}
export STOREFRONT_PORT
export SHOP_API_URL=${SHOP_API_URL:-http://127.0.0.1:$API_PORT}
export STOREFRONT_URL=${STOREFRONT_URL:-http://127.0.0.1:$STOREFRONT_PORT}
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}

if [[ ! -x "$CHROMIUM_PATH" ]]; then
    echo "No Chromium at $CHROMIUM_PATH: install Debian's (apt-get install chromium) or set CHROMIUM_PATH." >&2
    exit 1
fi
if ! curl -fsS "$SHOP_API_URL/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
    echo "No dev run answers on $SHOP_API_URL: start it first (./mvnw spring-boot:test-run)." >&2
    exit 1
fi
if [[ ! -d node_modules/@playwright/test ]]; then
    npm ci --no-audit --no-fund
fi
if ! curl -fsS -o /dev/null -D - -H "Origin: $STOREFRONT_URL" "$SHOP_API_URL/api/categories" \
        | grep -qi "^access-control-allow-origin: $STOREFRONT_URL"; then
    echo "Note: the API does not allow the origin $STOREFRONT_URL (shop.cors.allowed-origins): the browser tests will fail." >&2
fi

server_pid=
stop_server() {
    if [[ -n "$server_pid" ]]; then
        kill -TERM -- "-$server_pid" 2>/dev/null || true
        server_pid=
    fi
}
trap stop_server EXIT

if ! curl -fsS -o /dev/null "$STOREFRONT_URL/" 2>/dev/null; then
    mkdir -p target
    # setsid: npm, its shell and the server form one process group, stopped together
    setsid npm run --silent storefront >target/storefront-server.log 2>&1 </dev/null &
    server_pid=$!
    for _ in $(seq 1 30); do
        curl -fsS -o /dev/null "$STOREFRONT_URL/" 2>/dev/null && break
        kill -0 "$server_pid" 2>/dev/null || { cat target/storefront-server.log >&2; exit 1; }
        sleep 0.5
    done
    echo "Serving storefront/ on $STOREFRONT_URL (log: target/storefront-server.log)"
fi

npx --no-install playwright test -c storefront/playwright.config.mjs "$@"

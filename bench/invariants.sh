#!/usr/bin/env bash
# Checks the shop's invariants (bench/invariants.sql) on a database with the mariadb/mysql client: prints every
# row that breaks one and exits 1, or says the database is consistent and exits 0.
#
#   bench/invariants.sh                                  # database shop on 127.0.0.1:3306 as root
#   DB_NAME=shop_soak DB_PORT=3307 bench/invariants.sh
#   SINCE='2026-12-06 15:00:00' bench/invariants.sh      # only what was made since (UTC)
#   STALENESS=60 bench/invariants.sh                     # publications may stay incomplete 60 s (default 300)
set -euo pipefail
cd "$(dirname "$0")/.."

DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
DB_USER="${DB_USER:-root}"
DB_PASSWORD="${DB_PASSWORD:-}"
DB_NAME="${DB_NAME:-shop}"
SINCE="${SINCE:-1970-01-01 00:00:00}"
STALENESS="${STALENESS:-300}"

CLIENT=$(command -v mariadb || command -v mysql || true)
[ -n "$CLIENT" ] || { echo "invariants: needs the mariadb or mysql command-line client" >&2; exit 2; }
[[ "$STALENESS" =~ ^[0-9]+$ ]] || { echo "invariants: STALENESS is a number of seconds" >&2; exit 2; }
[[ "$SINCE" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9:.]+)?$ ]] || { echo "invariants: SINCE is 'YYYY-MM-DD hh:mm:ss'" >&2; exit 2; }

violations=$( { echo "SET @since = TIMESTAMP('$SINCE'); SET @staleness = $STALENESS;"; cat bench/invariants.sql; } |
  MYSQL_PWD="$DB_PASSWORD" "$CLIENT" --protocol=TCP -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -N -B "$DB_NAME")
if [ -n "$violations" ]; then
  echo "invariants: $(printf '%s\n' "$violations" | wc -l) violation(s) in $DB_NAME (invariant, subject, detail):"
  printf '%s\n' "$violations"
  exit 1
fi
echo "invariants: $DB_NAME is consistent (since $SINCE, publications incomplete for at most ${STALENESS}s)"

# Pieces the benchmark scripts share (sourced by bench/run.sh and bench/two-instances.sh, from the project
# directory). Nothing here starts anything.

# wrk from Debian's packages when it is missing
bench_install_wrk() {
  command -v wrk >/dev/null && return 0
  echo "installing wrk (Debian package)"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; fi
}

# bench_build <out dir>: test-compile and the test classpath into target/bench-cp.txt, unless BENCH_SKIP_BUILD is set
bench_build() {
  if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
    echo "building (test-compile + test classpath)"
    ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench-cp.txt > "$1/build.log" 2>&1 || { cat "$1/build.log"; exit 1; }
  fi
}

# the classpath of the dev run and the load drivers (after bench_build)
bench_classpath() { echo "target/test-classes:target/classes:$(cat target/bench-cp.txt)"; }

# bench_await_ready <base url> <pid> <log> [seconds]: until /readyz answers (the dev run loads its demo data first)
bench_await_ready() {
  local i
  for i in $(seq 1 "${4:-180}"); do
    if curl -fsS "$1/readyz" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then echo "the app died:"; tail -50 "$3"; exit 1; fi
    sleep 1
  done
  echo "the app was not ready within ${4:-180} s"; exit 1
}

# wrk's latency ("850.00us", "6.40ms", "1.20s") in milliseconds
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }

# wrk_measure <file> <url>: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency into the file; sets WRK_RPS,
# WRK_P50, WRK_P99 and WRK_NON2XX from it
wrk_measure() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2" > "$1"
  WRK_RPS=$(awk '/^Requests\/sec/ {print $2}' "$1")
  WRK_P50=$(awk '$1=="50%" {print $2}' "$1")
  WRK_P99=$(awk '$1=="99%" {print $2}' "$1")
  WRK_NON2XX=$(awk '/Non-2xx/ {print $5}' "$1")
  WRK_NON2XX=${WRK_NON2XX:-0}
}

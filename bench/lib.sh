# Pieces the benchmark scripts share (sourced by bench/run.sh, bench/side-by-side.sh and bench/two-instances.sh,
# from the project directory). Nothing here starts anything.

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

# CPU time a process has used so far (user + system, in clock ticks), and the microseconds of it per request
# of one wrk run: the cost of a request as the server pays it, which other load on the host moves far less
# than it moves requests/s (a busy host takes the server's CPU away, not the work per request)
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# the part of it the JIT compiler threads used ("C1 CompilerThre…", "C2 CompilerThre…"): while it is more than a few
# µs per request the JVM is still compiling the request path and the line measures warm-up, not the configuration
jit_ticks() {
  { cat /proc/"$1"/task/*/stat 2>/dev/null || true; } | awk '/\(C[12] CompilerThre/ { sub(/^.*\) /, ""); t += $12 + $13 } END { print t + 0 }'
}
# warm_up <name> <pid> <round length> <url>…: rounds over every URL while the JIT compiler threads still used more
# than 3 % of the process's CPU in the last one (at most WARMUP_ROUNDS rounds): on a busy 2-core host a request path
# took minutes to reach C2 code, and a configuration measured before that pays for its warm-up, not for itself.
# The ceiling gets the same treatment as the app, or the ratios compare a warm app with a cold ceiling.
warm_up() {
  local name=$1 pid=$2 length=$3 round t0 j0 share u
  shift 3
  for round in $(seq 1 "${WARMUP_ROUNDS:-6}"); do
    t0=$(cpu_ticks "$pid"); j0=$(jit_ticks "$pid")
    for u in "$@"; do wrk -t"$THREADS" -c"$CONNECTIONS" -d"$length" "$u" > /dev/null; done
    share=$(awk -v j=$(($(jit_ticks "$pid") - j0)) -v t=$(($(cpu_ticks "$pid") - t0)) 'BEGIN { printf "%.1f", (t > 0 ? 100 * j / t : 0) }')
    echo "warm-up round $round ($name): the JIT compiler used $share % of its CPU"
    awk -v s="$share" 'BEGIN { exit !(s <= 3) }' && break
  done
  return 0 # not settled after the last round: measured all the same, and the lines show the JIT's part
}
cpu_per_request() { # <ticks before> <ticks after> <wrk output file> [decimals, 0 by default]
  awk -v d=$(($2 - $1)) -v c="$CLK_TCK" -v f="%.${4:-0}f" '/ requests in / { n = $1 } END { if (n > 0) printf f, d * 1e6 / c / n; else printf "?" }' "$3"
}

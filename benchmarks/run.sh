#!/usr/bin/env bash
# Reruns every Hookline benchmark and regenerates the tables in BENCHMARKS.md and the chart.
#
#   benchmarks/run.sh            full run: waits for an idle machine, then JMH, HTTP (Jetty servlets, then
#                                the Spring Boot application) and memory runs
#   benchmarks/run.sh --quick    smoke run (about 8 minutes); writes under benchmarks/target/quick/ and
#                                leaves BENCHMARKS.md and the committed results alone
#
# Other options: --no-wait (measure even on a busy machine), --skip-jmh, --skip-http (the Jetty servlets),
# --skip-spring-http, --spring-http-only, --skip-soak, --report-only (only regenerate BENCHMARKS.md and the
# chart from the results already there), --paired-http-only (Hookline and its peer over HTTP in alternating
# rounds, side by side on one core: the Jetty servlet against the parse-only one, the starter against the
# hand-written endpoint; writes paired-http.csv and prints each round's ratio).
#
# Installs wrk and curl with apt-get when they are missing. All HTTP traffic goes to 127.0.0.1 only;
# every server stops by itself after --max-seconds and every load run is bounded by -d.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

QUICK=0
WAIT=1
RUN_JMH=1
RUN_HTTP=1
RUN_SPRING_HTTP=1
RUN_SOAK=1
RUN_PAIRED_HTTP=0
BUILD=1
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1; WAIT=0 ;;
    --no-wait) WAIT=0 ;;
    --skip-jmh) RUN_JMH=0 ;;
    --skip-http) RUN_HTTP=0 ;;
    --skip-spring-http) RUN_SPRING_HTTP=0 ;;
    --spring-http-only) RUN_JMH=0; RUN_HTTP=0; RUN_SOAK=0 ;;
    --skip-soak) RUN_SOAK=0 ;;
    --report-only) RUN_JMH=0; RUN_HTTP=0; RUN_SPRING_HTTP=0; RUN_SOAK=0; WAIT=0 ;;
    --paired-http-only) RUN_JMH=0; RUN_HTTP=0; RUN_SPRING_HTTP=0; RUN_SOAK=0; RUN_PAIRED_HTTP=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

JAR=benchmarks/target/hookline-benchmarks.jar
SPRING_JAR=benchmarks/spring-http/target/hookline-benchmarks-spring-http.jar
if [ "$QUICK" = 1 ]; then
  RESULTS=benchmarks/target/quick/results
  MARKDOWN=benchmarks/target/quick/BENCHMARKS.md
  CHART=benchmarks/target/quick/verification-vs-size.png
  JMH_MAIN=(-f 1 -wi 1 -i 2 -w 1s -r 1s)
  JMH_SCALING=(-f 1 -wi 1 -i 2 -w 1s -r 1s)
  JMH_WHOLE_PATH=(-f 1 -wi 2 -i 2 -w 1s -r 1s)
  HTTP_WARMUP=3
  HTTP_WARMUP_RUNS=1
  HTTP_DURATION=5
  SOAK_DELIVERIES=200000
  SOAK_SAMPLE=20000
else
  RESULTS=benchmarks/results
  MARKDOWN=BENCHMARKS.md
  CHART=benchmarks/results/verification-vs-size.png
  JMH_MAIN=(-f 2 -wi 3 -i 5 -w 2s -r 2s)
  JMH_SCALING=(-f 1 -wi 3 -i 5 -w 1s -r 2s)
  # the whole path takes longer to compile than the floors: long warm-up, or it is measured still warming
  JMH_WHOLE_PATH=(-f 2 -wi 6 -i 6 -w 5s -r 3s)
  # A server pinned to one core is still compiling after 40 s of load (C2 took 30 % of the core then), and
  # the first connections' close and the next ones' open deoptimise code compiled without them: three
  # warm-up runs of 20 s, each on new connections, before the measured one.
  HTTP_WARMUP=20
  HTTP_WARMUP_RUNS=3
  HTTP_DURATION=20
  SOAK_DELIVERIES=2000000
  SOAK_SAMPLE=200000
fi
MAIN_SIZES=1024,65536
SCALING_SIZES=16384,262144,1048576
HTTP_CONNECTIONS=(8 64)
HTTP_BODY=1024
HTTP_REQUESTS=50000       # distinct deliveries per request file
HTTP_DEDUP_ENTRIES=10000  # below HTTP_REQUESTS: an id comes round only after the server has forgotten it
PAIRED_ROUNDS=6           # alternating rounds per connection count, each side HTTP_ROUND seconds a round
HTTP_ROUND=10
if [ "$QUICK" = 1 ]; then
  PAIRED_ROUNDS=2
  HTTP_ROUND=3
fi
PORT=18080
PEER_PORT=18081           # the second server of a paired Jetty run
IDLE_LOAD=0.7
IDLE_MAX_POLLS=30         # one poll a minute
# Server and load generator share this machine's cores: wrk gets one, the server the other.
WRK_CPU=0
SERVER_CPU=1
JMH_JVM_ARGS="-Xms2g -Xmx2g"
# One core: the collector the JVM itself picks for one CPU (Serial), named so that it does not change.
SERVER_JVM=(-XX:+UseSerialGC -Xms512m -Xmx512m)

mkdir -p "$RESULTS" "$(dirname "$MARKDOWN")"
if [ "$QUICK" = 1 ] && [ ! -f "$MARKDOWN" ]; then
  cp BENCHMARKS.md "$MARKDOWN"
fi

log() { printf '\n== %s\n' "$*"; }

install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v curl >/dev/null || missing+=(curl)
  command -v taskset >/dev/null || missing+=(util-linux)
  command -v lscpu >/dev/null || missing+=(util-linux)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${missing[@]}"
  fi
}

load1() { cut -d' ' -f1 /proc/loadavg; }

wait_for_idle() {
  local polls=0
  while awk -v l="$(load1)" -v t="$IDLE_LOAD" 'BEGIN { exit !(l >= t) }'; do
    if [ "$polls" -ge "$IDLE_MAX_POLLS" ]; then
      echo "load still $(load1) after $polls minutes: measuring anyway (the load is recorded)"
      return
    fi
    echo "load average $(load1) >= $IDLE_LOAD: waiting a minute ($((polls + 1))/$IDLE_MAX_POLLS)"
    sleep 60
    polls=$((polls + 1))
  done
  echo "load average $(load1): measuring"
}

describe_machine() {
  local file="$RESULTS/machine.md"
  {
    echo '```'
    lscpu | grep -E '^(Architecture|Model name|CPU\(s\)|Thread\(s\) per core|Core\(s\) per socket|Hypervisor vendor|L1d cache|L2 cache|L3 cache|Flags)' \
      | sed -E 's/^(Flags:[[:space:]]+).*/\1(sha_ni: '"$(grep -q -w sha_ni /proc/cpuinfo && echo yes || echo no)"', avx2: '"$(grep -q -w avx2 /proc/cpuinfo && echo yes || echo no)"')/'
    echo
    free -h
    echo
    java -version 2>&1
    echo
    echo "kernel: $(uname -sr)"
    echo '```'
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC'). Load average when the measurements started: \`$(cat /proc/loadavg | cut -d' ' -f1-3)\`$1."
    echo
    echo "Options of this run: JMH at 1 KiB and 64 KiB \`${JMH_MAIN[*]} -prof gc\`; JMH at 16 KiB, 256 KiB and 1 MiB"
    echo "\`${JMH_SCALING[*]} -prof gc\`; whole path \`${JMH_WHOLE_PATH[*]} -prof gc\`; deduplication"
    echo "\`${JMH_SCALING[*]}\`; forked JVMs \`$JMH_JVM_ARGS\`. HTTP: ${HTTP_WARMUP_RUNS} warm-up runs of ${HTTP_WARMUP} s then ${HTTP_DURATION} s"
    echo "measured per server (Spring Boot: per endpoint) and connection count, ${HTTP_BODY}-byte bodies. Memory:"
    echo "${SOAK_DELIVERIES} deliveries."
  } > "$file"
}

run_jmh() {
  log "JMH at $MAIN_SIZES bytes"
  java -jar "$JAR" 'dev.hookline.bench.(VerifyBenchmark|EndpointBenchmark)' "${JMH_MAIN[@]}" \
    -p size="$MAIN_SIZES" -prof gc -jvmArgsAppend "$JMH_JVM_ARGS" \
    -rf json -rff "$RESULTS/jmh-main.json" | tee "$RESULTS/jmh-main.txt" | grep -E '^(Benchmark|Verify|Endpoint)' || true
  log "JMH at $SCALING_SIZES bytes"
  java -jar "$JAR" 'dev.hookline.bench.(VerifyBenchmark|EndpointBenchmark)' "${JMH_SCALING[@]}" \
    -p size="$SCALING_SIZES" -prof gc -jvmArgsAppend "$JMH_JVM_ARGS" \
    -rf json -rff "$RESULTS/jmh-scaling.json" | tee "$RESULTS/jmh-scaling.txt" | grep -E '^(Benchmark|Verify|Endpoint)' || true
  log "JMH: the whole path and the accept stage beside their hand-written floors"
  java -jar "$JAR" 'dev.hookline.bench.WholePathBenchmark' "${JMH_WHOLE_PATH[@]}" -prof gc \
    -jvmArgsAppend "$JMH_JVM_ARGS" -rf json -rff "$RESULTS/jmh-wholepath.json" \
    | tee "$RESULTS/jmh-wholepath.txt" | grep -E '^(Benchmark|WholePath)' || true
  log "JMH: deduplication at 1, 2 and 8 threads"
  java -jar "$JAR" 'dev.hookline.bench.DeduplicatorBenchmark' "${JMH_SCALING[@]}" \
    -jvmArgsAppend "$JMH_JVM_ARGS" -rf json -rff "$RESULTS/jmh-dedupe.json" \
    | tee "$RESULTS/jmh-dedupe.txt" | grep -E '^(Benchmark|Deduplicator)' || true
}

SERVER_PID=""
PEER_PID=""
stop_server() {
  local pid
  for pid in "$SERVER_PID" "$PEER_PID"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      wait "$pid" 2>/dev/null || true
    fi
  done
  SERVER_PID=""
  PEER_PID=""
}
trap stop_server EXIT

stat_of() { grep -o "\"$1\":[0-9]*" <<<"$2" | cut -d: -f2; }
result_of() { tr ' ' '\n' <<<"$2" | grep "^$1=" | cut -d= -f2; }
change_of() { echo $(( $(stat_of "$1" "$3") - $(stat_of "$1" "$2") )); }  # key, stats before, stats after
rps_of() {
  awk -v r="$(result_of requests "$1")" -v d="$(result_of duration_us "$1")" 'BEGIN { printf "%.1f", r / (d / 1e6) }'
}
socket_errors_of() {
  echo $(( $(result_of connect_errors "$1") + $(result_of read_errors "$1") + $(result_of write_errors "$1") \
    + $(result_of timeouts "$1") ))
}
latencies_of() { echo "$(result_of p50_us "$1"),$(result_of p90_us "$1"),$(result_of p99_us "$1"),$(result_of p999_us "$1")"; }

# Waits until the server started in the background answers /stats (on port $2, default $PORT); shows its log
# and stops the run if it never does.
await_server() {
  local tries=0
  until curl -sf "http://127.0.0.1:${2:-$PORT}/stats" >/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 60 ]; then
      echo "server did not start"; cat "$1"; exit 1
    fi
    sleep 0.5
  done
}

# Writes a request file of HTTP_REQUESTS deliveries from event $2 on, signed now (so within the five-minute
# tolerance); any further arguments go to RequestFile.
write_requests() {
  local out=$1 first=$2
  shift 2
  java -cp "$JAR" dev.hookline.bench.http.RequestFile --out "$out" --count "$HTTP_REQUESTS" --size "$HTTP_BODY" \
    --port "$PORT" --first "$first" "$@" >/dev/null
}

# Warm-up runs on the server at $2 with the request file $3, each on $1 new connections.
warm_up() {
  local run
  for ((run = 0; run < HTTP_WARMUP_RUNS; run++)); do
    taskset -c "$WRK_CPU" wrk -t1 -c"$1" -d"${HTTP_WARMUP}s" --timeout 5s \
      -s benchmarks/wrk/deliveries.lua "$2" "$3" >/dev/null
  done
}

run_http() {
  local csv="$RESULTS/http.csv"
  echo "mode,connections,requests,duration_us,rps,p50_us,p90_us,p99_us,p999_us,status_errors,socket_errors,accepted,duplicate,rejected,malformed,failed,bare" > "$csv"
  local url="http://127.0.0.1:$PORT/webhooks/exa"
  local work
  work=$(mktemp -d)
  for connections in "${HTTP_CONNECTIONS[@]}"; do
    for mode in bare parse hookline; do
      log "HTTP: $mode, $connections connections"
      taskset -c "$SERVER_CPU" java "${SERVER_JVM[@]}" -cp "$JAR" dev.hookline.bench.http.BenchServer \
        --mode "$mode" --port "$PORT" --threads 16 --max-entries "$HTTP_DEDUP_ENTRIES" --max-seconds 300 \
        > "$work/server-$mode-$connections.log" 2>&1 &
      SERVER_PID=$!
      await_server "$work/server-$mode-$connections.log"
      # distinct ids for warm-up and measurement
      write_requests "$work/warmup.bin" 0
      write_requests "$work/measure.bin" 10000000
      warm_up "$connections" "$url" "$work/warmup.bin"
      local before after line
      before=$(curl -sf "http://127.0.0.1:$PORT/stats")
      line=$(taskset -c "$WRK_CPU" wrk -t1 -c"$connections" -d"${HTTP_DURATION}s" --timeout 5s \
        -s benchmarks/wrk/deliveries.lua "$url" "$work/measure.bin" | tee "$RESULTS/wrk-$mode-$connections.txt" | grep '^RESULT')
      sleep 1  # let in-flight requests finish before reading the counts
      after=$(curl -sf "http://127.0.0.1:$PORT/stats")
      stop_server
      local delta=()
      for key in accepted duplicate rejected malformed failed bare; do
        delta+=("$(change_of "$key" "$before" "$after")")
      done
      echo "$mode,$connections,$(result_of requests "$line"),$(result_of duration_us "$line"),$(rps_of "$line"),$(latencies_of "$line"),$(result_of status_errors "$line"),$(socket_errors_of "$line"),$(IFS=,; echo "${delta[*]}")" >> "$csv"
      tail -1 "$csv"
    done
  done
  rm -rf "$work"
}

# One Spring Boot application (benchmarks/spring-http) with three endpoints receiving the same Standard Webhooks
# deliveries: the Hookline starter, a hand-written controller and a bare one. Started once, pinned like the Jetty
# servers; each endpoint is warmed up and measured in turn at each connection count. A row passes its checks when
# every response was 2xx, no socket failed, and the endpoint handled every request wrk counted, and at most one more
# per connection: wrk stops with a request in flight on each, which the server handles but wrk no longer counts.
run_spring_http() {
  local csv="$RESULTS/spring-http.csv"
  echo "endpoint,connections,requests,duration_us,rps,p50_us,p90_us,p99_us,p999_us,status_errors,socket_errors,handled,unanswered,not_handled,checks" > "$csv"
  local work
  work=$(mktemp -d)
  local endpoints=(bare handwritten hookline)
  local max_seconds=$(( ${#HTTP_CONNECTIONS[@]} * ${#endpoints[@]} * (HTTP_WARMUP * HTTP_WARMUP_RUNS + HTTP_DURATION + 30) + 120 ))
  log "Spring Boot over HTTP: starting the application"
  taskset -c "$SERVER_CPU" java "${SERVER_JVM[@]}" -jar "$SPRING_JAR" --server.port="$PORT" \
    --bench.max-entries="$HTTP_DEDUP_ENTRIES" --bench.max-seconds="$max_seconds" > "$work/server.log" 2>&1 &
  SERVER_PID=$!
  await_server "$work/server.log"
  local failed=0
  for connections in "${HTTP_CONNECTIONS[@]}"; do
    for endpoint in "${endpoints[@]}"; do
      log "Spring Boot over HTTP: $endpoint, $connections connections"
      local url="http://127.0.0.1:$PORT/webhooks/$endpoint"
      write_requests "$work/warmup.bin" 0 --provider standard --path "/webhooks/$endpoint"
      write_requests "$work/measure.bin" 10000000 --provider standard --path "/webhooks/$endpoint"
      warm_up "$connections" "$url" "$work/warmup.bin"
      local before after line
      before=$(curl -sf "http://127.0.0.1:$PORT/stats")
      line=$(taskset -c "$WRK_CPU" wrk -t1 -c"$connections" -d"${HTTP_DURATION}s" --timeout 5s \
        -s benchmarks/wrk/deliveries.lua "$url" "$work/measure.bin" \
        | tee "$RESULTS/wrk-spring-$endpoint-$connections.txt" | grep '^RESULT')
      sleep 1  # let in-flight requests finish before reading the counts
      after=$(curl -sf "http://127.0.0.1:$PORT/stats")
      local key handled not_handled=0
      handled=$(change_of "${endpoint}_handled" "$before" "$after")
      for key in hookline_duplicate hookline_rejected hookline_malformed hookline_failed handwritten_rejected \
        handwritten_malformed; do
        if [[ $key == "$endpoint"_* ]]; then
          not_handled=$(( not_handled + $(change_of "$key" "$before" "$after") ))
        fi
      done
      local requests unanswered status_errors socket_errors checks=ok
      requests=$(result_of requests "$line")
      unanswered=$(( handled - requests ))
      status_errors=$(result_of status_errors "$line")
      socket_errors=$(socket_errors_of "$line")
      if [ "$status_errors" != 0 ] || [ "$socket_errors" != 0 ] || [ "$not_handled" != 0 ] \
        || [ "$unanswered" -lt 0 ] || [ "$unanswered" -gt "$connections" ]; then
        checks=FAILED
        failed=$((failed + 1))
      fi
      echo "$endpoint,$connections,$requests,$(result_of duration_us "$line"),$(rps_of "$line"),$(latencies_of "$line"),$status_errors,$socket_errors,$handled,$unanswered,$not_handled,$checks" >> "$csv"
      tail -1 "$csv"
    done
  done
  stop_server
  rm -rf "$work"
  if [ "$failed" != 0 ]; then
    echo "Spring Boot over HTTP: $failed row(s) of $csv failed their checks (see its checks column)" >&2
    exit 1
  fi
}

# One measured round of wrk on $1 connections against $2 with the request file $3; prints wrk's RESULT line.
measure_round() {
  taskset -c "$WRK_CPU" wrk -t1 -c"$1" -d"${HTTP_ROUND}s" --timeout 5s -s benchmarks/wrk/deliveries.lua "$2" "$3" \
    | grep '^RESULT'
}

# Hookline and its peer over HTTP in alternating rounds, both on the server core at once, so that each round's
# ratio is taken while the machine runs at one speed (it drifts by a factor of two within minutes). Jetty: the
# parse-only servlet and WebhookServlet, each in its own JVM; Spring Boot: the hand-written endpoint and the
# starter, in one application. Every round gets request files of its own ids, signed just before it; a round passes
# when every response was 2xx, no socket failed, and Hookline accepted every delivery it answered (none duplicate,
# rejected, malformed or failed).
run_paired_http() {
  local csv="$RESULTS/paired-http.csv"
  echo "setup,connections,round,side,requests,rps,p50_us,p99_us,status_errors,socket_errors,not_accepted,checks" > "$csv"
  local work
  work=$(mktemp -d)
  local max_seconds=$(( ${#HTTP_CONNECTIONS[@]} * (2 * HTTP_WARMUP * HTTP_WARMUP_RUNS + 2 * PAIRED_ROUNDS * (HTTP_ROUND + 15)) + 180 ))
  local failed=0 setup
  for setup in jetty spring; do
    # per side, its base address and path; the counts of Hookline's outcomes, and the prefix of their names
    local peer stats_hookline counted="" write_args=()
    local -A base path
    if [ "$setup" = jetty ]; then
      log "paired HTTP, Jetty: parse-only on $PORT, Hookline on $PEER_PORT"
      taskset -c "$SERVER_CPU" java "${SERVER_JVM[@]}" -cp "$JAR" dev.hookline.bench.http.BenchServer --mode parse \
        --port "$PORT" --threads 16 --max-entries "$HTTP_DEDUP_ENTRIES" --max-seconds "$max_seconds" \
        > "$work/server-parse.log" 2>&1 &
      SERVER_PID=$!
      taskset -c "$SERVER_CPU" java "${SERVER_JVM[@]}" -cp "$JAR" dev.hookline.bench.http.BenchServer --mode hookline \
        --port "$PEER_PORT" --threads 16 --max-entries "$HTTP_DEDUP_ENTRIES" --max-seconds "$max_seconds" \
        > "$work/server-hookline.log" 2>&1 &
      PEER_PID=$!
      await_server "$work/server-parse.log" "$PORT"
      await_server "$work/server-hookline.log" "$PEER_PORT"
      peer=parse
      base=([parse]="http://127.0.0.1:$PORT" [hookline]="http://127.0.0.1:$PEER_PORT")
      path=([parse]=/webhooks/exa [hookline]=/webhooks/exa)
      stats_hookline="http://127.0.0.1:$PEER_PORT/stats"
    else
      log "paired HTTP, Spring Boot: the hand-written endpoint and the starter in one application on $PORT"
      taskset -c "$SERVER_CPU" java "${SERVER_JVM[@]}" -jar "$SPRING_JAR" --server.port="$PORT" \
        --bench.max-entries="$HTTP_DEDUP_ENTRIES" --bench.max-seconds="$max_seconds" > "$work/server.log" 2>&1 &
      SERVER_PID=$!
      await_server "$work/server.log"
      peer=handwritten
      base=([handwritten]="http://127.0.0.1:$PORT" [hookline]="http://127.0.0.1:$PORT")
      path=([handwritten]=/webhooks/handwritten [hookline]=/webhooks/hookline)
      stats_hookline="http://127.0.0.1:$PORT/stats"
      counted=hookline_
      write_args=(--provider standard)
    fi
    local connections first=0
    for connections in "${HTTP_CONNECTIONS[@]}"; do
      local side
      for side in "$peer" hookline; do
        write_requests "$work/warmup-$side.bin" "$first" "${write_args[@]}" --path "${path[$side]}"
        first=$((first + HTTP_REQUESTS))
        log "paired HTTP, $setup: warming up $side on $connections connections"
        warm_up "$connections" "${base[$side]}${path[$side]}" "$work/warmup-$side.bin"
      done
      local round
      for ((round = 1; round <= PAIRED_ROUNDS; round++)); do
        local order=("$peer" hookline)
        [ $((round % 2)) = 0 ] && order=(hookline "$peer")
        for side in "${order[@]}"; do
          write_requests "$work/round.bin" "$((10000000 + first))" "${write_args[@]}" --path "${path[$side]}"
          first=$((first + HTTP_REQUESTS))
          local before after line not_accepted=0 checks=ok key
          if [ "$side" = hookline ]; then
            before=$(curl -sf "$stats_hookline")
          fi
          line=$(measure_round "$connections" "${base[$side]}${path[$side]}" "$work/round.bin")
          if [ "$side" = hookline ]; then
            sleep 1  # let in-flight requests finish before reading the counts
            after=$(curl -sf "$stats_hookline")
            for key in duplicate rejected malformed failed; do
              not_accepted=$(( not_accepted + $(change_of "$counted$key" "$before" "$after") ))
            done
          fi
          if [ "$(result_of status_errors "$line")" != 0 ] || [ "$(socket_errors_of "$line")" != 0 ] \
            || [ "$not_accepted" != 0 ]; then
            checks=FAILED
            failed=$((failed + 1))
          fi
          echo "$setup,$connections,$round,$side,$(result_of requests "$line"),$(rps_of "$line"),$(result_of p50_us "$line"),$(result_of p99_us "$line"),$(result_of status_errors "$line"),$(socket_errors_of "$line"),$not_accepted,$checks" >> "$csv"
          tail -1 "$csv"
        done
      done
    done
    stop_server
  done
  rm -rf "$work"
  log "paired HTTP: Hookline's requests/s over its peer's, per round"
  awk -F, 'NR > 1 { key = $1 "," $2 "," $3; if ($4 == "hookline") { h[key] = $6; hp[key] = $8 } else { p[key] = $6; pp[key] = $8 } }
    END { for (k in h) printf "%s: %.2fx, p99 %.1f against %.1f ms\n", k, h[k] / p[k], hp[k] / 1000, pp[k] / 1000 }' "$csv" | sort -t, -k1,1 -k2,2n -k3,3n
  if [ "$failed" != 0 ]; then
    echo "paired HTTP: $failed row(s) of $csv failed their checks (see its checks column)" >&2
    exit 1
  fi
}

run_soak() {
  log "memory: $SOAK_DELIVERIES deliveries through one endpoint"
  java -XX:+UseG1GC -Xms512m -Xmx512m -cp "$JAR" dev.hookline.bench.MemorySoak \
    --deliveries "$SOAK_DELIVERIES" --sample-every "$SOAK_SAMPLE" --size 1024 --out "$RESULTS/soak.csv"
}

install_tools
if [ "$BUILD" = 1 ]; then
  log "building"
  mvn -B -q -DskipTests -pl benchmarks,benchmarks/spring-http -am package
fi
if [ "$RUN_PAIRED_HTTP" = 1 ]; then
  [ "$WAIT" = 1 ] && wait_for_idle
  run_paired_http
  exit 0
fi
if [ "$RUN_JMH" = 1 ] || [ "$RUN_HTTP" = 1 ] || [ "$RUN_SPRING_HTTP" = 1 ] || [ "$RUN_SOAK" = 1 ]; then
  LOAD_NOTE=""
  if [ "$WAIT" = 1 ]; then
    log "waiting for an idle machine (1-minute load average below $IDLE_LOAD)"
    wait_for_idle
  else
    LOAD_NOTE=" (not waited for)"
  fi
  describe_machine "$LOAD_NOTE"
  [ "$RUN_JMH" = 1 ] && run_jmh
  [ "$RUN_HTTP" = 1 ] && run_http
  [ "$RUN_SPRING_HTTP" = 1 ] && run_spring_http
  [ "$RUN_SOAK" = 1 ] && run_soak
  echo "Load average when the measurements ended: \`$(cut -d' ' -f1-3 /proc/loadavg)\`." >> "$RESULTS/machine.md"
fi
log "report"
java -cp "$JAR" dev.hookline.bench.report.Report --results "$RESULTS" --markdown "$MARKDOWN" --chart "$CHART"

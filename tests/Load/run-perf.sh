#!/usr/bin/env bash
# Side-by-side performance run. Builds in Release, starts each system in turn on loopback, drives the same
# 8-turn report conversation at the same concurrencies, and writes the table to tests/Load/results/latest.md.
#   tests/Load/run-perf.sh                    the whole run (about 10 minutes on 2 cores)
#   CONCURRENCIES="50" SECONDS_PER_RUN=10 tests/Load/run-perf.sh     a shorter one
#   SYSTEMS=scaled-out INSTANCE_COUNTS="1 2" tests/Load/run-perf.sh  only the scaled-out rows (SYSTEMS: any of ceiling peer embedded scaled-out)
#   SYSTEMS=scaled-out INSTANCE_COUNTS="1 2" CONCURRENCIES=200 tests/Load/run-perf.sh   the scale-out goal: 2 instances with
#                                             100 conversations each against 1 with 200, every ticket checked in PostgreSQL
#   BOT_DLL=/elsewhere/CitizenBot.Bot.dll REPORT=/tmp/a.md …              an A/B run against a bot built from another commit
#   SYSTEMS=embedded EMBEDDED_TARGETS=api …   only some of the embedded rows (any of api directline wechat idle)
#   SETTLE_SECONDS=60 …                       scaled out: all instances driven together before each row (default PRIME_SECONDS)
#   JOB_SERVERS=1 …                           scaled out: only the first N instances run a Hangfire server (default all);
#                                             the others only answer (Storage:JobServer=false)
#   PORT_BASE=5281 …                          other ports (default 5181 and up; scaled out uses one per instance)
#   BOT_ENV="DOTNET_TieredPGO=0" …             extra environment for the CitizenBot processes only (a runtime setting A/B)
# Systems: the ceiling (bare ASP.NET Core, fixed reply), the peer (botbuilder-js 4.23, MemoryStorage) and CitizenBot
# with its embedded defaults (SQLite state, in-process lock). CitizenBot is also driven over Direct Line and WeChat, and,
# scaled out (redis-server and PostgreSQL installed first where missing, tests/test-services.sh): 1, 2 and 4 instances
# (INSTANCE_COUNTS) with their state, locks and dedup on one throwaway Redis and their tickets on one throwaway
# PostgreSQL (tests/test-services.sh), the driver spreading the conversations round-robin over them; after each instance
# count's rows the tickets in PostgreSQL are checked against the numbers the receipts told (driver command tickets).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"

concurrencies="${CONCURRENCIES:-50 200}"
instance_counts="${INSTANCE_COUNTS:-1 2 4}"
systems="${SYSTEMS:-ceiling peer embedded scaled-out}"
want() { [[ " $systems " == *" $1 "* ]]; }
seconds="${SECONDS_PER_RUN:-15}"
warmup="${WARMUP_SECONDS:-5}"
prime_seconds="${PRIME_SECONDS:-20}"
# Scaled out, after each instance's own priming: all instances driven together at the row's concurrency, unmeasured,
# until the code paths only that load reaches (contention, bigger batches) are compiled too (0: none).
settle_seconds="${SETTLE_SECONDS:-$prime_seconds}"
job_servers="${JOB_SERVERS:-}"
idle_count="${IDLE_CONVERSATIONS:-10000}"
embedded_targets="${EMBEDDED_TARGETS:-api directline wechat idle}"
embedded_wants() { [[ " $embedded_targets " == *" $1 "* ]]; }
artifacts="${ARTIFACTS:-$repo/artifacts/perf}"
work="$(mktemp -d /tmp/citizenbot-perf.XXXXXX)"
results="$work/results"
mkdir -p "$results"

# PORT_BASE moves every port, so two runs (two engineers' branches on one machine) do not take each other's systems.
port_base="${PORT_BASE:-5181}"
bot_port=$port_base ceiling_port=$((port_base + 1)) peer_port=$((port_base + 2)) scaled_port=$((port_base + 3))
bot_key="perf-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
directline_secret="perf-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
wechat_token="perfToken$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
wechat_aes_key="$(head -c 32 /dev/urandom | base64 | tr -d '=+/\n' | head -c 43)"
while [ ${#wechat_aes_key} -lt 43 ]; do wechat_aes_key="${wechat_aes_key}A"; done
wechat_app_id="wxperf0000000001"

pid=""
source tests/test-services.sh
pids=()
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  stop_test_services
}
trap cleanup EXIT

echo "== building (Release) into $artifacts"
bot_dll="${BOT_DLL:-$artifacts/bin/CitizenBot.Bot/release/CitizenBot.Bot.dll}"
report="${REPORT:-tests/Load/results/latest.md}"
projects=(tests/Load/CitizenBot.Load/CitizenBot.Load.csproj tests/Load/Ceiling/CitizenBot.Load.Ceiling.csproj)
[ -z "${BOT_DLL:-}" ] && projects+=(bot/CitizenBot.Bot.csproj)
for project in "${projects[@]}"; do
  dotnet build "$project" -c Release --artifacts-path "$artifacts" -nologo -clp:ErrorsOnly -v:q
done
[ -d tests/Load/peer/node_modules ] || (cd tests/Load/peer && npm ci --ignore-scripts --no-audit --no-fund --silent)
driver=(dotnet "$artifacts/bin/CitizenBot.Load/release/CitizenBot.Load.dll")

wait_ready() {
  for _ in $(seq 1 120); do
    code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/" || true)"
    [ "$code" != "000" ] && return 0
    kill -0 "$pid" 2>/dev/null || { echo "the system exited; its log: $work/$2.log"; tail -20 "$work/$2.log"; exit 1; }
    sleep 0.5
  done
  echo "port $1 did not open in 60 s"; exit 1
}

stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

# Waits until the system under test is idle (under 5 % of a core for 2 s running, at most 3 minutes): work a row left
# behind (CitizenBot's center pushes of the tickets it just took) must not be charged to the next row.
wait_idle() {
  local ticks_per_second idle=0 before after
  ticks_per_second="$(getconf CLK_TCK)"
  for _ in $(seq 1 180); do
    before="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
    sleep 1
    after="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
    if [ $(( (after - before) * 100 )) -lt $(( ticks_per_second * 5 )) ]; then
      idle=$((idle + 1)); [ "$idle" -ge 2 ] && return 0
    else
      idle=0
    fi
  done
  echo "(still busy after 3 minutes; measuring anyway)"
}

drive() { # system target port concurrency [extra driver args...]
  local system=$1 target=$2 port=$3 concurrency=$4; shift 4
  wait_idle
  "${driver[@]}" run --system "$system" --target "$target" --url "http://127.0.0.1:$port/" --concurrency "$concurrency" \
    --warmup "$warmup" --seconds "$seconds" --pid "$pid" --out "$results/run-$system-$target-$concurrency.json" "$@"
}

# Runs the conversation once for PRIME_SECONDS, unmeasured, right after a system starts, so every system is measured
# with its code compiled and optimised (a big .NET app is still tiering up well after a 5 s warm-up), then lets it
# finish the work that left behind.
prime() { # target port [extra driver args...]
  local target=$1 port=$2; shift 2
  "${driver[@]}" run --system prime --target "$target" --url "http://127.0.0.1:$port/" --concurrency 50 \
    --warmup 0 --seconds "$prime_seconds" --out "$work/prime.json" "$@" > /dev/null
}

if want ceiling; then
echo "== ceiling"
ASPNETCORE_URLS="http://127.0.0.1:$ceiling_port" dotnet "$artifacts/bin/CitizenBot.Load.Ceiling/release/CitizenBot.Load.Ceiling.dll" > "$work/ceiling.log" 2>&1 &
pid=$!
wait_ready $ceiling_port ceiling
prime api $ceiling_port --no-check
for c in $concurrencies; do drive ceiling api $ceiling_port "$c" --no-check; done
stop
fi

if want peer; then
echo "== peer (botbuilder-js)"
PORT=$peer_port node tests/Load/peer/index.js > "$work/peer.log" 2>&1 &
pid=$!
wait_ready $peer_port peer
prime api $peer_port
for c in $concurrencies; do drive peer api $peer_port "$c"; done
stop
fi

if want embedded; then
echo "== CitizenBot (embedded defaults)"
# Center callbacks are slowed to one step per 10 minutes so the simulated center adds no load of its own; the
# duplicate radius is 1 m because every load ticket lands in one grid cell (at 100 m nearly all would be "duplicates").
# Logging at Warning: per-turn Information lines to the console would measure the terminal. Every simulated citizen
# comes from 127.0.0.1, so Direct Line's per-address limit (120 activities a minute) is lifted to its highest setting;
# without it every Direct Line row is all 429s.
(
  cd bot
  export ASPNETCORE_ENVIRONMENT=Production Storage__DataDirectory="$work/data" BotApi__Key="$bot_key" \
    DirectLine__Secret="$directline_secret" WeChat__Token="$wechat_token" WeChat__AppId="$wechat_app_id" \
    WeChat__AppSecret=perf-not-used WeChat__EncodingAESKey="$wechat_aes_key" WeChat__RequireEncryption=true \
    WeChat__ApiBaseUrl="http://127.0.0.1:9/" Center__SimulatorStepDelay=00:10:00 Tickets__DuplicateRadiusMeters=1 \
    DirectLine__MaxActivitiesPerClientPerMinute=100000 Logging__LogLevel__Default=Warning
  exec env ${BOT_ENV:-} dotnet "$bot_dll" --urls "http://127.0.0.1:$bot_port"
) > "$work/citizenbot.log" 2>&1 &
pid=$!
wait_ready $bot_port citizenbot
prime api $bot_port --key "$bot_key"
if embedded_wants api; then
  # The rows count the CPU spent inside their windows; work a row leaves behind (pushes, hotspot checks) is done while
  # the next row waits for the bot to be idle. "All in" is the bot's CPU from idle before the api rows to idle after
  # them over the turns of the tickets filed in between (8 a ticket), background work included.
  wait_idle
  tickets() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from tickets').fetchone()[0])" "$work/data/citizenbot.db"; }
  cpu_before="$(awk '{print $14 + $15}' "/proc/$pid/stat")" tickets_before="$(tickets)"
  for c in $concurrencies; do drive citizenbot api $bot_port "$c" --key "$bot_key"; done
  wait_idle
  cpu_after="$(awk '{print $14 + $15}' "/proc/$pid/stat")" tickets_after="$(tickets)"
  python3 -c "import sys; t, n = int(sys.argv[1]) / int(sys.argv[3]), (int(sys.argv[2])) * 8; print(f'citizenbot  api rows, all in: {t * 1000 / n:.3f} CPU ms/turn over {n} turns (background work included)')" \
    "$((cpu_after - cpu_before))" "$((tickets_after - tickets_before))" "$(getconf CLK_TCK)" | tee "$results/allin-citizenbot.txt"
fi
if embedded_wants directline; then
  for c in $concurrencies; do drive citizenbot directline $bot_port "$c" --secret "$directline_secret"; done
fi
if embedded_wants wechat; then
  for c in $concurrencies; do
    drive citizenbot wechat $bot_port "$c" --token "$wechat_token" --aes-key "$wechat_aes_key" --app-id "$wechat_app_id"
  done
fi
if embedded_wants idle; then
  wait_idle
  "${driver[@]}" idle --url "http://127.0.0.1:$bot_port/" --key "$bot_key" --count "$idle_count" --pid "$pid" \
    --db "$work/data/state.db" --out "$results/idle-citizenbot.json"
fi
stop
fi

if want scaled-out; then
  # Scaled out: 1, 2, 4 identical instances on one Redis and one PostgreSQL (fresh servers per row), the driver spreading
  # conversations round-robin over them, as a load balancer would. Durable like the embedded row: Redis appends and
  # fsyncs every write, PostgreSQL fsyncs every commit.
  signing_key="$(head -c 32 /dev/urandom | base64)"
  for instances in $instance_counts; do
    echo "== CitizenBot (Redis + PostgreSQL, $instances instance(s))"
    TEST_SERVICES_DURABLE=1 start_test_services
    pids=() urls=()
    for i in $(seq 0 $((instances - 1))); do
      port=$((scaled_port + i))
      (
        cd bot
        export ASPNETCORE_ENVIRONMENT=Production Storage__DataDirectory="$work/data-redis-$instances" BotApi__Key="$bot_key" \
          Storage__Redis="$CITIZENBOT_TEST_REDIS" Storage__Postgres="$CITIZENBOT_TEST_POSTGRES" \
          DirectLine__Secret="$directline_secret" DirectLine__SigningKey="$signing_key" \
          Center__SimulatorStepDelay=00:10:00 Tickets__DuplicateRadiusMeters=1 Logging__LogLevel__Default=Warning
        if [ -n "$job_servers" ] && [ "$i" -ge "$job_servers" ]; then export Storage__JobServer=false; fi
        exec env ${BOT_ENV:-} dotnet "$bot_dll" --urls "http://127.0.0.1:$port"
      ) > "$work/citizenbot-redis-$instances-$i.log" 2>&1 &
      pid=$!
      wait_ready "$port" "citizenbot-redis-$instances-$i"
      pids+=("$pid") urls+=("http://127.0.0.1:$port/")
    done
    all_urls="$(IFS=,; echo "${urls[*]}")" all_pids="$(IFS=,; echo "${pids[*]}")"
    system=citizenbot-redis
    [ "$instances" -gt 1 ] && system="citizenbot-redis-x$instances"
    # Every receipt's ticket number is kept (--told), priming included, and checked against PostgreSQL once the rows
    # are done: every ticket once, with a distinct number, each one told to its citizen. Each instance is primed on its
    # own exactly as the single instance is: primed together, each got a share of the turns and was still compiling
    # (instrumented tier-0 code, the JIT's threads) in the measured window, which charged warm-up to the instance count.
    told=()
    for i in "${!urls[@]}"; do
      told+=("$work/told-$system-prime-$i.txt")
      "${driver[@]}" run --system prime --target api --url "${urls[$i]}" --concurrency 50 --warmup 0 --seconds "$prime_seconds" \
        --key "$bot_key" --told "${told[-1]}" --out "$work/prime.json" > /dev/null
    done
    for c in $concurrencies; do
      if [ "$settle_seconds" -gt 0 ]; then
        told+=("$work/told-$system-settle-$c.txt")
        "${driver[@]}" run --system settle --target api --url "$all_urls" --concurrency "$c" --warmup 0 --seconds "$settle_seconds" \
          --key "$bot_key" --told "${told[-1]}" --out "$work/settle.json" > /dev/null
      fi
      for p in "${pids[@]}"; do pid=$p; wait_idle; done
      told+=("$work/told-$system-$c.txt")
      "${driver[@]}" run --system "$system" --target api --url "$all_urls" --concurrency "$c" --warmup "$warmup" \
        --seconds "$seconds" --pid "$all_pids" --key "$bot_key" --told "${told[-1]}" --out "$results/run-$system-api-$c.json"
    done
    "${driver[@]}" tickets --system "$system" --postgres "$CITIZENBOT_TEST_POSTGRES" --told "$(IFS=,; echo "${told[*]}")" \
      --out "$results/tickets-$system.json" || true
    for p in "${pids[@]}"; do kill "$p"; wait "$p" 2>/dev/null || true; done
    pid="" pids=()
    stop_test_services
  done
fi

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
memory="$(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)"
machine="$(nproc) cores ($cpu), $memory RAM, $(uname -sr), .NET SDK $(dotnet --version), node $(node --version); driver on the same machine; each system primed with the conversation for $prime_seconds s after start (scaled out: each instance alone, then all together at the row's concurrency for $settle_seconds s), each row started with the system idle, then $warmup s warm-up + $seconds s measured${job_servers:+; scaled out, a job server on the first $job_servers instance(s) only}; $(date -u +%Y-%m-%d)"
mkdir -p tests/Load/results
"${driver[@]}" report --in "$results" --machine "$machine" --out "$report"
echo "(raw results and logs: $work)"

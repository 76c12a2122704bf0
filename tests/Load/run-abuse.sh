#!/usr/bin/env bash
# The abuse run: builds the bot in Release, starts it with its embedded defaults (and then scaled out on a throwaway
# Redis + PostgreSQL, unless --embedded-only), and runs tests/Load/abuse/abuse.mjs against it: 30 citizens' turns (100
# a second in all) timed alone for 30 s, then for 30 s while one attacker floods with maximum-size activities from one
# token, uploads PNG bombs, garbage and 10 MB files, and holds 100 slow connections; three such rounds, from one address,
# then as a botnet (every token from another forwarded address; the bot trusts 127.0.0.1 as its proxy for this). Prints
# the bot's RSS, disk and Redis growth, and the median over the rounds of the citizens' p99 under attack / alone.
#   tests/Load/run-abuse.sh [--embedded-only]      (about 12 minutes; writes tests/Load/results/abuse-*.json)
# BOT_DLL=<CitizenBot.Bot.dll> runs that build instead of building this tree (A/B against another commit's build);
# ABUSE_ARGS="--kinds posts,slow" passes options to abuse.mjs (which attacks run, phase lengths); RESULTS=<dir> writes
# the JSON elsewhere; RUNS="embedded scaled-out-botnet" picks the runs (default: all three). Each JSON records the machine's load average
# and the bot's, the driver's and the attacker's CPU per phase: the run shares the cores with everything else, and on a
# busy machine the latencies measure the machine more than the bot. The bot inherits the environment, so GC settings
# can be compared the same way (DOTNET_gcServer=0 for workstation GC, DOTNET_GCgen0size=…).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
artifacts="${ARTIFACTS:-$repo/artifacts/abuse}"
results="${RESULTS:-$repo/tests/Load/results}"
work="$(mktemp -d /tmp/citizenbot-abuse.XXXXXX)"
key="abuse-run-key-$RANDOM$RANDOM"
pid=""
mkdir -p "$results"

source tests/test-services.sh
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  stop_test_services
  rm -rf "$work"
}
trap cleanup EXIT

bot_dll="${BOT_DLL:-}"
if [ -z "$bot_dll" ]; then
  echo "== building the bot (Release) into $artifacts"
  dotnet build bot/CitizenBot.Bot.csproj -c Release --artifacts-path "$artifacts" -nologo -clp:ErrorsOnly -v:q
  bot_dll="$artifacts/bin/CitizenBot.Bot/release/CitizenBot.Bot.dll"
fi

run() { # name botnet [extra settings...]
  local name=$1 botnet=$2; shift 2
  local port data
  port="$(free_port)"
  data="$work/$name"
  mkdir -p "$data"
  (cd "$repo/bot" && exec dotnet "$bot_dll" --Urls "http://127.0.0.1:$port" --Storage:DataDirectory "$data" --BotApi:Key "$key" \
    --Logging:LogLevel:Default Warning --Proxy:KnownProxies:0 127.0.0.1 "$@" >"$work/$name.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
    kill -0 "$pid" 2>/dev/null || { echo "the bot exited:"; tail -20 "$work/$name.log"; exit 1; }
    sleep 0.5
  done
  echo "== $name: bot pid $pid on port $port"
  node tests/Load/abuse/abuse.mjs --url "http://127.0.0.1:$port/" --key "$key" --pid "$pid" --data "$data" \
    --botnet "$botnet" ${redis_port:+--redis-port "$redis_port"} ${ABUSE_ARGS:-} | tee "$results/abuse-$name.json"
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(`== ${process.argv[2]}: p99 alone ${r.baseline.p99} ms, under attack ${r.underAttack.p99} ms; per round ${r.p99Ratio.perRound.join(" / ")}, median ${r.p99Ratio.median}x; RSS peak ${r.rssMb.peakUnderAttack} MB`)' \
    "$results/abuse-$name.json" "$name"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

redis_port=""
runs=" ${RUNS:-embedded embedded-botnet scaled-out-botnet} "
if [[ "$runs" == *" embedded "* ]]; then run embedded false; fi
if [[ "$runs" == *" embedded-botnet "* ]]; then run embedded-botnet true; fi
if [ "${1:-}" != "--embedded-only" ] && [[ "$runs" == *" scaled-out-botnet "* ]]; then
  start_test_services
  redis_port="${CITIZENBOT_TEST_REDIS##*:}"
  redis_port="${redis_port%%,*}"
  run scaled-out-botnet true --Storage:Redis "$CITIZENBOT_TEST_REDIS" --Storage:Postgres "$CITIZENBOT_TEST_POSTGRES"
fi

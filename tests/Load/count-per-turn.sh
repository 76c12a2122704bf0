#!/usr/bin/env bash
# What one turn of the report conversation costs the shared servers, scaled out (one or more instances, one Redis,
# one PostgreSQL, durable like the performance run): Redis round trips per turn by command (the commands clients sent, read
# from MONITOR; the commands a script runs inside Redis are counted apart) and bytes per turn (INFO stats, the
# MONITOR stream taken off), PostgreSQL statements per turn (pg_stat_statements) and commits per turn
# (pg_stat_database). Counts, not speed: they do not depend on how busy the machine is, so an A/B of two builds on a
# shared machine still compares. Background work that runs by the clock (Hangfire's polls, the outbox sweep) is
# counted too and shows under its own commands; the pushes of the measured tickets are waited for.
#   tests/Load/count-per-turn.sh                                        this tree, written to tests/Load/results/counts-latest.md
#   BOT_DLL=/elsewhere/CitizenBot.Bot.dll REPORT=/tmp/a.md tests/Load/count-per-turn.sh    a bot built from another commit
#   INSTANCES=2 REPORT=/tmp/counts-2.md tests/Load/count-per-turn.sh      two instances, conversations round-robin
#   CONCURRENCY=20 SECONDS_PER_RUN=15 PRIME_SECONDS=10 INSTANCES=1 (the defaults)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"

concurrency="${CONCURRENCY:-20}"
seconds="${SECONDS_PER_RUN:-15}"
prime_seconds="${PRIME_SECONDS:-10}"
instances="${INSTANCES:-1}"
artifacts="${ARTIFACTS:-$repo/artifacts/perf}"
report="${REPORT:-tests/Load/results/counts-latest.md}"
work="$(mktemp -d /tmp/citizenbot-counts.XXXXXX)"
key="counts-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

pids=()
source tests/test-services.sh
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  stop_test_services
}
trap cleanup EXIT

echo "== building (Release) into $artifacts"
bot_dll="${BOT_DLL:-$artifacts/bin/CitizenBot.Bot/release/CitizenBot.Bot.dll}"
projects=(tests/Load/CitizenBot.Load/CitizenBot.Load.csproj)
[ -z "${BOT_DLL:-}" ] && projects+=(bot/CitizenBot.Bot.csproj)
for project in "${projects[@]}"; do
  dotnet build "$project" -c Release --artifacts-path "$artifacts" -nologo -clp:ErrorsOnly -v:q
done
driver=(dotnet "$artifacts/bin/CitizenBot.Load/release/CitizenBot.Load.dll")

TEST_SERVICES_DURABLE=1 start_test_services
redis_port="${CITIZENBOT_TEST_REDIS##*:}"
pg_port="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$CITIZENBOT_TEST_POSTGRES")"
# pg_stat_statements has to be preloaded: one restart of the throwaway cluster.
echo "shared_preload_libraries = 'pg_stat_statements'" >> "$test_services_dir/pg/postgresql.conf"
$test_as_pg "$test_pg_bin/pg_ctl" -D "$test_services_dir/pg" -w restart >/dev/null
psql_() { "$test_pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U citizenbot -d postgres -qAtX "$@"; }
psql_ -c "CREATE EXTENSION pg_stat_statements"

urls=()
for i in $(seq 0 $((instances - 1))); do
  port=$((5186 + i))
  (
    cd bot
    export ASPNETCORE_ENVIRONMENT=Production Storage__DataDirectory="$work/data" BotApi__Key="$key" \
      Storage__Redis="$CITIZENBOT_TEST_REDIS" Storage__Postgres="$CITIZENBOT_TEST_POSTGRES" \
      Center__SimulatorStepDelay=00:10:00 Tickets__DuplicateRadiusMeters=1 Logging__LogLevel__Default=Warning
    exec dotnet "$bot_dll" --urls "http://127.0.0.1:$port"
  ) > "$work/bot-$i.log" 2>&1 &
  pids+=($!) urls+=("http://127.0.0.1:$port/")
  for _ in $(seq 1 180); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" || true)" != 000 ] && break
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "the bot exited; its log: $work/bot-$i.log"; tail -20 "$work/bot-$i.log"; exit 1; }
    sleep 0.5
  done
done
all_urls="$(IFS=,; echo "${urls[*]}")"

# Idle: every instance under 5 % of a core for 3 s running (the pushes of the tickets just taken are done).
wait_idle() {
  local ticks idle=0 before after
  ticks="$(getconf CLK_TCK)"
  cpu_ticks() { local sum=0 p; for p in "${pids[@]}"; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$sum"; }
  for _ in $(seq 1 240); do
    before="$(cpu_ticks)"; sleep 1; after="$(cpu_ticks)"
    if [ $(( (after - before) * 100 )) -lt $(( ticks * 5 * instances )) ]; then idle=$((idle + 1)); [ "$idle" -ge 3 ] && return 0; else idle=0; fi
  done
}

for url in "${urls[@]}"; do
  "${driver[@]}" run --system prime --target api --url "$url" --concurrency "$concurrency" --warmup 0 \
    --seconds "$prime_seconds" --key "$key" --out "$work/prime.json" > /dev/null
done
wait_idle
redis-cli -p "$redis_port" CONFIG RESETSTAT > /dev/null
psql_ -c "SELECT pg_stat_statements_reset()" > /dev/null
psql_ -c "SELECT pg_stat_reset()" > /dev/null
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
# MONITOR on a raw connection, so its stream's bytes can be taken off the server's output count.
exec 3<>"/dev/tcp/127.0.0.1/$redis_port"
printf 'MONITOR\r\n' >&3
cat <&3 > "$work/monitor.resp" &
monitor=$!
"${driver[@]}" run --system counts --target api --url "$all_urls" --concurrency "$concurrency" --warmup 0 \
  --seconds "$seconds" --key "$key" --out "$work/run.json"
wait_idle
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
redis_stats="$(redis-cli -p "$redis_port" INFO stats | tr -d '\r')"
kill "$monitor" 2>/dev/null || true
exec 3>&-
# Statistics reach pg_stat_database when a backend reports them (at most a second later).
sleep 2

turns="$(sed -nE 's/^ *"turns": *([0-9]+).*/\1/p' "$work/run.json" | head -1)"
per() { awk -v n="$1" -v t="$turns" 'BEGIN { printf "%.2f", n / t }'; }
# A MONITOR line: +<time> [<db> <client address or lua>] "<COMMAND>" "<arg>"...
monitored="$(tr -d '\r' < "$work/monitor.resp" | sed -nE 's/^\+[0-9.]+ \[[0-9]+ ([^]]+)\] "([^"]+)".*/\1 \2/p')"
redis_commands="$(grep -v '^lua ' <<<"$monitored" | awk '{ print toupper($2) }' | grep -vx 'INFO' | sort | uniq -c | sort -rn || true)"
redis_scripted="$(grep -c '^lua ' <<<"$monitored" || true)"
redis_total="$(awk '{ s += $1 } END { print s + 0 }' <<<"$redis_commands")"
redis_in="$(sed -nE 's/^total_net_input_bytes:([0-9]+)/\1/p' <<<"$redis_stats")"
redis_out="$(( $(sed -nE 's/^total_net_output_bytes:([0-9]+)/\1/p' <<<"$redis_stats") - $(stat -c %s "$work/monitor.resp") ))"
pg_statements="$(psql_ -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%'")"
pg_commits="$(psql_ -c "SELECT xact_commit FROM pg_stat_database WHERE datname = 'postgres'")"
pg_top="$(psql_ -F $'\t' -c "SELECT calls, regexp_replace(left(query, 110), '\s+', ' ', 'g') FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%' ORDER BY calls DESC LIMIT 12")"

mkdir -p "$(dirname "$report")"
{
  echo "# Per-turn counts, scaled out ($instances instance(s), conversations round-robin), $(date -u "+%Y-%m-%d %H:%M") UTC"
  echo
  echo "Bot: \`$bot_dll\`; $turns turns of the report conversation at $concurrency conversations for $seconds s after $prime_seconds s of priming;"
  echo "load average before / after: $load_before / $load_after ($(nproc) cores)."
  echo
  echo "| per turn | count |"
  echo "|---|---:|"
  echo "| Redis round trips (commands clients sent) | $(per "$redis_total") |"
  echo "| Redis commands run inside scripts | $(per "$redis_scripted") |"
  echo "| Redis bytes in (to the server) | $(per "$redis_in") |"
  echo "| Redis bytes out (to the clients) | $(per "$redis_out") |"
  echo "| PostgreSQL statements | $(per "$pg_statements") |"
  echo "| PostgreSQL commits | $(per "$pg_commits") |"
  echo
  echo "| Redis command sent | per turn |"
  echo "|---|---:|"
  while read -r calls name; do [ -n "$name" ] && echo "| $name | $(per "$calls") |"; done <<<"$redis_commands"
  echo
  echo "| PostgreSQL statement (most frequent) | per turn |"
  echo "|---|---:|"
  while IFS=$'\t' read -r calls query; do [ -n "$query" ] && echo "| \`${query//|/\\|}\` | $(per "$calls") |"; done <<<"$pg_top"
} > "$report"
cat "$report"
echo "(logs: $work)"

#!/usr/bin/env bash
# The crash test: exactly one ticket per conversation, told to its citizen and at the center once, whatever moment a
# bot process is killed. Each run: N conversations walk the report up to its confirmation, all send 是 at once, one
# bot process is killed with SIGKILL and started again, the clients retry their
# 是 with the same activity id (scaled out: on the other instance), then every citizen asks 我的上报 and the test's own
# center is watched until the pushes stop. See tests/Load/CitizenBot.Load/Crash/CrashRun.cs.
# The moment of the kill alternates (KILL_AT=alternate): odd runs at a random moment within KILL_WITHIN_MS, even runs
# the moment the database holds a random number (1 to CONVERSATIONS/2) of tickets, so that the kill lands while
# submits are committed and not yet answered (the "committed, reply lost" window). KILL_AT=timer or KILL_AT=commits
# for one kind only.
#   tests/Load/crash-test.sh                         10 runs embedded, then 10 runs scaled out (2 instances, Redis + PostgreSQL)
#   RUNS=3 CONVERSATIONS=50 MODES=embedded tests/Load/crash-test.sh
# Exits non-zero when any run fails; prints one line per run and writes tests/Load/results/crash-latest.md
# (REPORT=/elsewhere.md writes there instead, e.g. for a short trial that should not replace the kept table).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"

runs="${RUNS:-10}"
conversations="${CONVERSATIONS:-100}"
kill_within_ms="${KILL_WITHIN_MS:-1500}"
kill_at="${KILL_AT:-alternate}"
modes="${MODES:-embedded scaled-out}"
artifacts="${ARTIFACTS:-$repo/artifacts/perf}"
work="$(mktemp -d /tmp/citizenbot-crash.XXXXXX)"
key="crash-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

source tests/test-services.sh
trap stop_test_services EXIT

echo "== building (Release) into $artifacts"
for project in bot/CitizenBot.Bot.csproj tests/Load/CitizenBot.Load/CitizenBot.Load.csproj; do
  dotnet build "$project" -c Release --artifacts-path "$artifacts" -nologo -clp:ErrorsOnly -v:q
done
driver=(dotnet "$artifacts/bin/CitizenBot.Load/release/CitizenBot.Load.dll")
bot_dll="$artifacts/bin/CitizenBot.Bot/release/CitizenBot.Bot.dll"

failed=0
lines=()
# The machine may be shared (other builds and tests): the report says at what load the runs went.
load_start="$(cut -d' ' -f1 /proc/loadavg)"
for mode in $modes; do
  for run in $(seq 1 "$runs"); do
    data="$work/$mode-$run"
    mkdir -p "$data"
    extra=(--instances 1)
    if [ "$mode" = scaled-out ]; then
      # Durable per write, as in the performance run; fresh servers per run, so no run sees another's tickets.
      TEST_SERVICES_DURABLE=1 start_test_services
      extra=(--instances 2 --redis "$CITIZENBOT_TEST_REDIS" --postgres "$CITIZENBOT_TEST_POSTGRES")
    fi
    kill_on_commits=0
    if [ "$kill_at" = commits ] || { [ "$kill_at" = alternate ] && [ $((run % 2)) -eq 0 ]; }; then
      kill_on_commits=$(( 1 + RANDOM % (conversations / 2 > 0 ? conversations / 2 : 1) ))
    fi
    set +e
    line="$("${driver[@]}" crash --bot-dll "$bot_dll" --data "$data" --key "$key" --conversations "$conversations" \
      --kill-within-ms "$kill_within_ms" --kill-on-commits "$kill_on_commits" --port "$(free_port)" --center-port "$(free_port)" --out "$data/result.json" "${extra[@]}")"
    status=$?
    set -e
    [ "$mode" = scaled-out ] && stop_test_services
    [ $status -ne 0 ] && failed=$((failed + 1))
    echo "$mode run $run: $line"
    lines+=("| $mode | $run | $line |")
  done
done

report="${REPORT:-tests/Load/results/crash-latest.md}"
mkdir -p "$(dirname "$report")"
{
  echo "# Crash test, $(date -u +%Y-%m-%d)"
  echo
  echo "\`RUNS=$runs CONVERSATIONS=$conversations KILL_WITHIN_MS=$kill_within_ms KILL_AT=$kill_at MODES=\"$modes\" tests/Load/crash-test.sh\` on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')); $failed failed runs; load average $load_start at the start, $(cut -d' ' -f1 /proc/loadavg) at the end."
  echo
  echo "| mode | run | result |"
  echo "|---|---:|---|"
  printf '%s\n' "${lines[@]}"
} > "$report"
echo "(logs and results: $work; $failed failed runs)"
[ "$failed" -eq 0 ]

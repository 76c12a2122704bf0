#!/usr/bin/env bash
# The crash test: exactly one ticket per conversation, told to its citizen and at the center once, whatever moment a
# bot process is killed. Each run: N conversations walk the report up to its confirmation, all send 是 at once, one
# bot process is killed with SIGKILL and started again, the clients retry their
# 是 with the same activity id (scaled out: on the other instance), then every citizen asks 我的上报 and the test's own
# center is watched until the pushes stop. See tests/Load/CitizenBot.Load/Crash/CrashRun.cs.
# The moment of the kill is calibrated: a first burst of fresh conversations is measured, not killed (its first ticket
# commit and its last reply); the next burst is killed at a moment drawn uniformly from that window, odd runs before
# the first commit, even runs from it to the last reply (KILL_AT=alternate; KILL_AT=early or KILL_AT=late for one kind
# only). A burst answered completely before its moment is not killed but measured again, and another one goes out.
#   tests/Load/crash-test.sh                         10 runs embedded, then 10 runs scaled out (2 instances, Redis + PostgreSQL)
#   RUNS=3 CONVERSATIONS=50 MODES=embedded tests/Load/crash-test.sh
#   JOB_SERVERS=1 MODES=scaled-out tests/Load/crash-test.sh   scaled out with a job server on one instance only (the
#                                                              other answers citizens; its tickets are pushed by the first)
# Exits non-zero when any run fails; prints one line per run and writes tests/Load/results/crash-latest.md
# (REPORT=/elsewhere.md writes there instead, e.g. for a short trial that should not replace the kept table).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"

runs="${RUNS:-10}"
conversations="${CONVERSATIONS:-100}"
kill_at="${KILL_AT:-alternate}"
modes="${MODES:-embedded scaled-out}"
job_servers="${JOB_SERVERS:-2}"
artifacts="${ARTIFACTS:-$repo/artifacts/perf}"
work="$(mktemp -d /tmp/citizenbot-crash.XXXXXX)"
key="crash-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

source tests/test-services.sh
trap stop_test_services EXIT

echo "== building (Release) into $artifacts"
for project in bot/CitizenBot.Bot.csproj tests/Load/CitizenBot.Load/CitizenBot.Load.csproj; do
  DOTNET_CLI_USE_MSBUILD_SERVER=0 dotnet build "$project" -c Release -nodeReuse:false -p:UseSharedCompilation=false --artifacts-path "$artifacts" -nologo -clp:ErrorsOnly -v:q
done
driver=(dotnet "$artifacts/bin/CitizenBot.Load/release/CitizenBot.Load.dll")
bot_dll="$artifacts/bin/CitizenBot.Bot/release/CitizenBot.Bot.dll"

failed=0
lines=()
declare -A in_flight=() committed=() total=()
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
      extra=(--instances 2 --job-servers "$job_servers" --redis "$CITIZENBOT_TEST_REDIS" --postgres "$CITIZENBOT_TEST_POSTGRES")
    fi
    phase="$kill_at"
    if [ "$kill_at" = alternate ]; then
      phase=early
      [ $((run % 2)) -eq 0 ] && phase=late
    fi
    set +e
    line="$("${driver[@]}" crash --bot-dll "$bot_dll" --data "$data" --key "$key" --conversations "$conversations" \
      --kill-at "$phase" --port "$(free_port)" --center-port "$(free_port)" --out "$data/result.json" "${extra[@]}")"
    status=$?
    set -e
    [ "$mode" = scaled-out ] && stop_test_services
    [ $status -ne 0 ] && failed=$((failed + 1))
    echo "$mode run $run: $line"
    # The driver prints the row's cells: result | kill | in flight ("K of V") | of them committed | details.
    lines+=("| $mode | $run | $line |")
    total[$mode]=$(( ${total[$mode]:-0} + 1 ))
    sent_not_answered="$(echo "$line" | cut -d'|' -f3 | awk '{print $1}')"
    committed_not_answered="$(echo "$line" | cut -d'|' -f4 | awk '{print $1}')"
    [ "${sent_not_answered:-0}" -gt 0 ] 2>/dev/null && in_flight[$mode]=$(( ${in_flight[$mode]:-0} + 1 ))
    [ "${committed_not_answered:-0}" -gt 0 ] 2>/dev/null && committed[$mode]=$(( ${committed[$mode]:-0} + 1 ))
  done
done

report="${REPORT:-tests/Load/results/crash-latest.md}"
mkdir -p "$(dirname "$report")"
{
  echo "# Crash test, $(date -u +%Y-%m-%d)"
  echo
  echo "\`RUNS=$runs CONVERSATIONS=$conversations KILL_AT=$kill_at MODES=\"$modes\" JOB_SERVERS=$job_servers tests/Load/crash-test.sh\` on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')); $failed failed runs; load average $load_start at the start, $(cut -d' ' -f1 /proc/loadavg) at the end."
  echo
  summary=""
  for mode in $modes; do
    summary+="${summary:+; }$mode ${in_flight[$mode]:-0} of ${total[$mode]:-0} (${committed[$mode]:-0} with a committed ticket not yet answered)"
  done
  echo "Kills that landed with work in flight (at least one 是 sent to the killed process and not answered): $summary."
  echo "Kill: the phase drawn (early: before the first commit, late: from it to the last reply), the moment after the"
  echo "burst went out, and the calibrated first commit / last reply. In flight: the killed process's conversations"
  echo "whose 是 was sent and not answered at the kill, of all it had; committed: of those, how many had their ticket"
  echo "committed (the reply lost)."
  echo
  echo "| mode | run | result | kill | in flight | committed | details |"
  echo "|---|---:|---|---|---:|---:|---|"
  printf '%s\n' "${lines[@]}"
} > "$report"
for mode in $modes; do
  echo "$mode: ${in_flight[$mode]:-0} of ${total[$mode]:-0} kills with work in flight, ${committed[$mode]:-0} with a committed ticket not yet answered"
done
echo "(logs and results: $work; $failed failed runs)"
[ "$failed" -eq 0 ]

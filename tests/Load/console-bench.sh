#!/usr/bin/env bash
# Times every staff-console endpoint (bot/Insight) against a running bot, warm: 3 untimed calls, then N timed ones.
#   dotnet run --project bot -c Release -- seed-tickets 200000 --Storage:DataDirectory=/tmp/seed200k
#   dotnet run --project bot -c Release -- --Storage:DataDirectory=/tmp/seed200k --Urls=http://127.0.0.1:5099 &
#   tests/Load/console-bench.sh http://127.0.0.1:5099 20 [bot's pid]
# Prints, per endpoint: median, p95 and max in milliseconds (curl's time_total, loopback, no credentials needed) and
# the median time to the first byte (exports are streamed), then the load average it ran under (shared machines). With
# the bot's pid, also the bot's CPU time per call (user + system), which other processes on the machine do not inflate.
set -euo pipefail
base="${1:-http://127.0.0.1:5099}"
runs="${2:-20}"
pid="${3:-}"
tick="$(getconf CLK_TCK)"
cpu() { [ -n "$pid" ] && awk '{ print $14 + $15 }' "/proc/$pid/stat" || echo 0; }
today="$(TZ=Asia/Shanghai date +%F)"
year_ago="$(TZ=Asia/Shanghai date -d "$today - 364 days" +%F)"
paths=(
  "/ops/console"
  "/ops/insight/heat" "/ops/insight/tickets?limit=3000" "/ops/insight/hotspots" "/ops/insight/overdue"
  "/ops/insight/trends" "/ops/insight/mediation" "/ops/insight/digest"
  "/ops/insight/tickets?format=csv" "/ops/insight/overdue?format=csv" "/ops/insight/digest?format=md"
  "/ops/insight/heat?from=$year_ago&to=$today" "/ops/insight/hotspots?from=$year_ago&to=$today"
  "/ops/insight/trends?from=$year_ago&to=$today" "/ops/insight/mediation?from=$year_ago&to=$today"
  "/ops/insight/tickets?from=$year_ago&to=$today&format=csv"
)
printf '%-70s %8s %8s %8s %11s %8s\n' endpoint median p95 max first-byte cpu/call
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for path in "${paths[@]}"; do
  for _ in 1 2 3; do curl -sf -o /dev/null "$base$path"; done
  times=()
  before="$(cpu)"
  for _ in $(seq "$runs"); do times+=("$(curl -sf -o /dev/null -w '%{time_total} %{time_starttransfer}' "$base$path")"); done
  per_call=$(awk -v a="$before" -v b="$(cpu)" -v n="$runs" -v t="$tick" 'BEGIN { printf "%.0f", (b - a) * 1000 / t / n }')
  first=$(printf '%s\n' "${times[@]}" | awk '{ print $2 * 1000 }' | sort -n | awk '{ f[NR] = $1 } END { print f[int((NR + 1) / 2)] }')
  printf '%s\n' "${times[@]}" | sort -n | awk -v p="$path" -v first="$first" -v c="$per_call" '{ t[NR] = $1 * 1000 } END {
    printf "%-70s %8.0f %8.0f %8.0f %11.0f %8s\n", p, t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.999)], t[NR], first, c }'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

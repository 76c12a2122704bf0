#!/usr/bin/env bash
# Runs every test of CitizenBot, as CI does. Installs what the tests need on a fresh machine first (idempotent):
# Debian's Chromium and CJK fonts for the browser tests, redis-server and PostgreSQL for the scale-out integration
# tests, which get a throwaway Redis and a throwaway PostgreSQL cluster on free ports, stopped at exit. npm packages
# the tests use are installed by the tests themselves from committed lock files.
#   tests/run-all.sh            everything
#   tests/run-all.sh --quick    unit tests only (no browser, no external servers)
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
[ "${1:-}" = "--quick" ] && quick=true

source tests/test-services.sh
need_apt=()
if ! $quick; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  [ -d /usr/share/fonts/opentype/noto ] || need_apt+=(fonts-noto-cjk)
  mapfile -t -O "${#need_apt[@]}" need_apt < <(missing_test_services)
fi
apt_install "${need_apt[@]}"

# npm packages of the node-driven tests (DirectLineJS, wechat-crypto), from their committed lock files, before the
# test assemblies run in parallel and would race to install them.
while IFS= read -r lock; do
  folder="$(dirname "$lock")"
  [ -d "$folder/node_modules" ] || (cd "$folder" && npm ci --ignore-scripts --no-audit --no-fund --silent)
done < <(find tests -name package-lock.json -not -path "*/node_modules/*")

filter=()
$quick && filter=(--filter "Category!=Browser&Category!=Integration")

results="$(mktemp -d)"
cleanup() {
  stop_test_services
  rm -rf "$results"
}
trap cleanup EXIT

if $quick; then
  echo "Skipping the scale-out integration tests (Redis, PostgreSQL) and the browser tests: --quick runs unit tests only."
else
  # A throwaway Redis and PostgreSQL for tests/CitizenBot.Bot.Tests/Scale; nothing is kept after the run.
  start_test_services
fi
status=0
dotnet build CitizenBot.sln -nologo -clp:ErrorsOnly || exit 1
dotnet test CitizenBot.sln --no-build -nologo --logger "trx" --results-directory "$results" "${filter[@]}" || status=$?

# One closing line over all test assemblies, in the plain form CI reads.
attr() { grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'; }
echo "total: $(attr passed) passed, $(( $(attr failed) + $(attr error) + $(attr timeout) )) failed, $(attr notExecuted) skipped"
exit $status

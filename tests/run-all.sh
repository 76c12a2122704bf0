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

need_apt=()
if ! $quick; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  [ -d /usr/share/fonts/opentype/noto ] || need_apt+=(fonts-noto-cjk)
  command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need_apt+=(postgresql)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing Debian packages the tests need: ${need_apt[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# npm packages of the node-driven tests (DirectLineJS, wechat-crypto), from their committed lock files, before the
# test assemblies run in parallel and would race to install them.
while IFS= read -r lock; do
  folder="$(dirname "$lock")"
  [ -d "$folder/node_modules" ] || (cd "$folder" && npm ci --ignore-scripts --no-audit --no-fund --silent)
done < <(find tests -name package-lock.json -not -path "*/node_modules/*")

filter=()
$quick && filter=(--filter "Category!=Browser&Category!=Integration")

results="$(mktemp -d)"
services=""
cleanup() {
  if [ -n "$services" ]; then
    [ -f "$services/redis.pid" ] && kill "$(cat "$services/redis.pid")" 2>/dev/null || true
    [ -f "$services/pg/postmaster.pid" ] && $as_pg "$pg_bin/pg_ctl" -D "$services/pg" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$services"
  fi
  rm -rf "$results"
}
trap cleanup EXIT

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 20000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

if $quick; then
  echo "Skipping the scale-out integration tests (Redis, PostgreSQL) and the browser tests: --quick runs unit tests only."
else
  # A throwaway Redis and PostgreSQL for tests/CitizenBot.Bot.Tests/Scale; nothing is kept after the run.
  services="$(mktemp -d /tmp/citizenbot-services.XXXXXX)"
  chmod 755 "$services"
  redis_port="$(free_port)"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --maxmemory-policy noeviction \
    --daemonize yes --pidfile "$services/redis.pid" --dir "$services" --logfile "$services/redis.log"
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  as_pg=""
  if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root: the cluster belongs to the postgres user (made by the Debian package).
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    as_pg="runuser -u postgres --"
  fi
  mkdir -p "$services/pg"
  [ -n "$as_pg" ] && chown postgres "$services/pg"
  $as_pg "$pg_bin/initdb" -D "$services/pg" -A trust -U citizenbot -E UTF8 --no-sync >/dev/null
  pg_port="$(free_port)"
  $as_pg "$pg_bin/pg_ctl" -D "$services/pg" -l "$services/pg/server.log" -w -o \
    "-p $pg_port -k $services/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export CITIZENBOT_TEST_REDIS="127.0.0.1:$redis_port"
  export CITIZENBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=citizenbot;Database=postgres"
  echo "Test services: Redis on $redis_port, PostgreSQL on $pg_port"
fi
status=0
dotnet build CitizenBot.sln -nologo -clp:ErrorsOnly || exit 1
dotnet test CitizenBot.sln --no-build -nologo --logger "trx" --results-directory "$results" "${filter[@]}" || status=$?

# One closing line over all test assemblies, in the plain form CI reads.
attr() { grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'; }
echo "total: $(attr passed) passed, $(( $(attr failed) + $(attr error) + $(attr timeout) )) failed, $(attr notExecuted) skipped"
exit $status

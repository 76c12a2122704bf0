# Throwaway Redis and PostgreSQL on free loopback ports, for the scale-out tests (tests/run-all.sh) and the Redis row of
# the performance run (tests/Load/run-perf.sh). Source this file, then:
#   start_test_services   starts both; exports CITIZENBOT_TEST_REDIS and CITIZENBOT_TEST_POSTGRES
#   stop_test_services    stops both and removes their files (safe to call twice, or when nothing was started)
# TEST_SERVICES_DURABLE=1 makes both durable per write (Redis appendfsync always, PostgreSQL fsync on), as the
# performance run needs to compare like with like; the tests run them without fsync.
# Needs redis-server and the PostgreSQL server binaries: start_test_services installs the Debian packages redis-server
# and postgresql when they are missing (apt_install, also used by tests/run-all.sh); nothing is kept afterwards.

test_services_dir=""

# A port nobody listens on, below Linux's ephemeral range (32768 and up by default): a port in that range can be the
# local end of any outgoing connection at the moment, and a server then fails to bind it (Redis exits, the bot too).
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 12000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# Installs the Debian packages given, if any (as root, or through sudo).
apt_install() {
  [ $# -gt 0 ] || return 0
  echo "Installing Debian packages: $*"
  local sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The Debian packages the throwaway servers need that this machine lacks, one a line.
missing_test_services() {
  command -v redis-server >/dev/null 2>&1 || echo redis-server
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || echo postgresql
}

start_test_services() {
  local missing
  mapfile -t missing < <(missing_test_services)
  apt_install "${missing[@]}"
  test_services_dir="$(mktemp -d /tmp/citizenbot-services.XXXXXX)"
  chmod 755 "$test_services_dir"
  local redis_port pg_port
  redis_port="$(free_port)"
  local redis_persistence=(--appendonly no) pg_fsync="-c fsync=off"
  if [ "${TEST_SERVICES_DURABLE:-0}" = 1 ]; then
    redis_persistence=(--appendonly yes --appendfsync always)
    pg_fsync="-c fsync=on -c synchronous_commit=on"
  fi
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" "${redis_persistence[@]}" --maxmemory-policy noeviction \
    --daemonize yes --pidfile "$test_services_dir/redis.pid" --dir "$test_services_dir" --logfile "$test_services_dir/redis.log"
  test_pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  test_as_pg=""
  if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root: the cluster belongs to the postgres user (made by the Debian package).
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    test_as_pg="runuser -u postgres --"
  fi
  mkdir -p "$test_services_dir/pg"
  [ -n "$test_as_pg" ] && chown postgres "$test_services_dir/pg"
  $test_as_pg "$test_pg_bin/initdb" -D "$test_services_dir/pg" -A trust -U citizenbot -E UTF8 --no-sync >/dev/null
  pg_port="$(free_port)"
  $test_as_pg "$test_pg_bin/pg_ctl" -D "$test_services_dir/pg" -l "$test_services_dir/pg/server.log" -w -o \
    "-p $pg_port -k $test_services_dir/pg -c listen_addresses=127.0.0.1 $pg_fsync -c max_connections=300" start >/dev/null
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export CITIZENBOT_TEST_REDIS="127.0.0.1:$redis_port"
  export CITIZENBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=citizenbot;Database=postgres"
  echo "Test services: Redis on $redis_port, PostgreSQL on $pg_port"
}

stop_test_services() {
  [ -n "$test_services_dir" ] || return 0
  [ -f "$test_services_dir/redis.pid" ] && kill "$(cat "$test_services_dir/redis.pid")" 2>/dev/null || true
  [ -f "$test_services_dir/pg/postmaster.pid" ] && $test_as_pg "$test_pg_bin/pg_ctl" -D "$test_services_dir/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$test_services_dir"
  test_services_dir=""
}

#!/usr/bin/env bash
# Finds or starts the PostgreSQL server that hookline-jdbc's tests run against, so that `mvn -B verify` passes
# on a fresh Debian machine with nothing running.
#
#   ensure-postgres.sh start <dir>   Maven runs this before the tests (process-test-classes)
#   ensure-postgres.sh stop <dir>    TestPostgresShutdown runs this when the tests end, passed or failed
#
# start, in order:
#   1. HOOKLINE_TEST_JDBC_URL is set: the tests use it (with HOOKLINE_TEST_JDBC_USER and _PASSWORD). Nothing to do.
#   2. A server answers on 127.0.0.1:5432: the tests use their default, jdbc:postgresql://127.0.0.1:5432/test as
#      user postgres. Nothing to do. HOOKLINE_TEST_PG_FORCE_LOCAL=1 skips this step, to try step 3 on a machine
#      that has such a server.
#   3. A throwaway cluster: PostgreSQL's server programs from /usr/lib/postgresql/<version>/bin (when they are
#      missing, `apt-get install postgresql`, as root only), initdb in a new temporary directory as an unprivileged
#      user (initdb refuses root; as root, the system user hookline-ci, created if need be), trust authentication,
#      listening on 127.0.0.1 only on a free port, fsync off; database test created. Its address goes to
#      <dir>/jdbc.properties (url, user), which the tests read when HOOKLINE_TEST_JDBC_URL is not set, and the
#      cluster is recorded in <dir>/cluster for stop.
# start first stops a cluster an earlier run left recorded in <dir> (its tests were killed before they could).
# stop stops the recorded cluster and deletes its directory; it does nothing when none is recorded. A cluster
# that neither could stop (the machine went down mid-build) lives in a temporary directory and goes with the machine.
#
# Skipped when Maven skips the tests (HOOKLINE_SKIP_TESTS / HOOKLINE_SKIP_TEST_BUILD = true, set by the pom).
set -euo pipefail

say() { echo "[ensure-postgres] $*"; }
fail() { echo "[ensure-postgres] ERROR: $*" >&2; exit 1; }

usage() { fail "usage: $0 start|stop <state directory>"; }
[[ $# -eq 2 ]] || usage
action=$1
state_dir=$2
cluster_file=$state_dir/cluster
url_file=$state_dir/jdbc.properties

# Whether something accepts TCP connections on 127.0.0.1:<port>.
port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Runs a command as the cluster's owner: $run_as when set (we are root), else as ourselves.
as_owner() {
  if [[ -n ${run_as:-} ]]; then
    runuser -u "$run_as" -- "$@"
  else
    "$@"
  fi
}

stop_recorded() {
  [[ -f $cluster_file ]] || return 0
  local key value bin_dir="" cluster_dir=""
  run_as=""
  while IFS='=' read -r key value; do
    case $key in
      bin_dir) bin_dir=$value ;;
      cluster_dir) cluster_dir=$value ;;
      run_as) run_as=$value ;;
    esac
  done < "$cluster_file"
  if [[ -n $cluster_dir && -f $cluster_dir/data/postmaster.pid ]]; then
    say "stopping the throwaway cluster in $cluster_dir"
    (cd "$cluster_dir" && as_owner "$bin_dir/pg_ctl" -D "$cluster_dir/data" -m fast -w -t 60 stop >/dev/null) \
      || echo "[ensure-postgres] could not stop the cluster in $cluster_dir" >&2
  fi
  # only ever a directory this script made
  if [[ $cluster_dir == */hookline-pg.* && -d $cluster_dir ]]; then
    rm -rf -- "$cluster_dir"
  fi
  rm -f -- "$cluster_file" "$url_file"
}

# The newest PostgreSQL's server programs, or nothing.
find_bin_dir() {
  local dir
  while read -r dir; do
    if [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres ]]; then
      echo "$dir"
      return 0
    fi
  done < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r)
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"
  fi
}

start() {
  if [[ ${HOOKLINE_SKIP_TESTS:-false} == true || ${HOOKLINE_SKIP_TEST_BUILD:-false} == true ]]; then
    say "tests are skipped: no database needed"
    return 0
  fi
  mkdir -p "$state_dir"
  stop_recorded

  if [[ -n ${HOOKLINE_TEST_JDBC_URL:-} ]]; then
    say "using HOOKLINE_TEST_JDBC_URL"
    return 0
  fi
  if [[ ${HOOKLINE_TEST_PG_FORCE_LOCAL:-0} != 1 ]]; then
    if command -v pg_isready >/dev/null; then
      if pg_isready -q -h 127.0.0.1 -p 5432 -t 5; then
        say "using the server on 127.0.0.1:5432"
        return 0
      fi
    elif port_answers 5432; then
      say "using the server on 127.0.0.1:5432"
      return 0
    fi
  fi

  local bin_dir
  bin_dir=$(find_bin_dir)
  if [[ -z $bin_dir ]]; then
    if [[ $EUID -ne 0 ]]; then
      fail "no PostgreSQL server answers on 127.0.0.1:5432 and its programs (initdb, pg_ctl) are not installed;" \
        "install the postgresql package, run as root to let this script install it, or set HOOKLINE_TEST_JDBC_URL"
    fi
    command -v apt-get >/dev/null || fail "PostgreSQL is not installed and there is no apt-get to install it"
    say "installing PostgreSQL (apt-get install postgresql)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq postgresql >/dev/null
    bin_dir=$(find_bin_dir)
    [[ -n $bin_dir ]] || fail "apt-get installed postgresql, but no initdb was found in /usr/lib/postgresql/*/bin"
  fi

  run_as=""
  if [[ $EUID -eq 0 ]]; then
    run_as=hookline-ci
    if ! id -u "$run_as" >/dev/null 2>&1; then
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$run_as" \
        || fail "could not create the user $run_as to own the cluster (initdb refuses to run as root)"
    fi
  fi

  local cluster_dir
  cluster_dir=$(mktemp -d "${TMPDIR:-/tmp}/hookline-pg.XXXXXX")
  chmod 700 "$cluster_dir"
  [[ -z $run_as ]] || chown "$run_as" "$cluster_dir"
  printf 'bin_dir=%s\ncluster_dir=%s\nrun_as=%s\n' "$bin_dir" "$cluster_dir" "$run_as" > "$cluster_file"

  say "creating a throwaway cluster in $cluster_dir with $bin_dir${run_as:+ as $run_as}"
  if ! (cd "$cluster_dir" && as_owner "$bin_dir/initdb" -D "$cluster_dir/data" -U postgres -A trust -E UTF8 \
      --no-locale --no-sync > "$cluster_dir/initdb.log" 2>&1); then
    cat "$cluster_dir/initdb.log" >&2
    stop_recorded
    fail "initdb failed"
  fi

  local attempt port="" started=""
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 20000))
    port_answers "$port" && continue
    if (cd "$cluster_dir" && as_owner "$bin_dir/pg_ctl" -D "$cluster_dir/data" -l "$cluster_dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$cluster_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start > /dev/null); then
      started=yes
      break
    fi
  done
  if [[ -z $started ]]; then
    tail -n 20 "$cluster_dir/server.log" >&2 || true
    stop_recorded
    fail "the throwaway cluster did not start"
  fi

  if ! "$bin_dir/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c 'CREATE DATABASE test' > /dev/null; then
    stop_recorded
    fail "could not create the database test"
  fi
  printf 'url=jdbc:postgresql://127.0.0.1:%s/test\nuser=postgres\n' "$port" > "$url_file"
  say "PostgreSQL $("$bin_dir/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$port; tests read $url_file"
}

case $action in
  start) start ;;
  stop) stop_recorded ;;
  *) usage ;;
esac

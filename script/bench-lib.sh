# shellcheck shell=bash
# Server lifecycle for the benchmark scripts in script/. Sourced after
# script/lib.sh, never run. A benchmark gets a throwaway work dir with its
# own embedded PostgreSQL data dir, starts `vellum serve` on a free loopback
# port, and on exit (normal, error or Ctrl-C) stops vellum, stops any
# PostgreSQL vellum left behind, and removes the work dir.
#
#   bench_init NAME             work dir /tmp/vellum-NAME.XXXXXX, sets the
#                               globals below and the EXIT/INT/TERM traps
#   bench_free_port             prints a free loopback port
#   bench_start_vellum [K=V..]  `vellum serve` with bench_vellum_env plus
#                               K=V, and waits for /health
#   bench_stop_vellum           SIGTERM, up to 30 s, then SIGKILL
#   bench_stop_orphan_postgres  stops PostgreSQL left in the data dir
#   bench_python                sets `bench_py` to the shared benchmark venv's
#                               python (aiohttp, and uvloop when it installs),
#                               creating the venv first when needed
#
# Globals set by bench_init: bench_work_dir, bench_data_dir, bench_log_file,
# bench_port, bench_base_url, bench_vellum_env (the environment every vellum
# command of the benchmark gets: the data dir, the port, loose rate limits)
# and bench_vellum_pid. The caller sets VELLUM_BIN before starting vellum.
# Needs python3 (standard library only) and curl.

# A free loopback port (the kernel picks it; it is released right away, so
# another process could take it before vellum does: unlikely on a bench box).
bench_free_port() {
  python3 -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
'
}

bench_python() {
  local venv="${XDG_CACHE_HOME:-$_vellum_home/.cache}/vellum/bench-venv"
  if ! "$venv/bin/python" -c 'import aiohttp' >/dev/null 2>&1; then
    banner "creating $venv (aiohttp)"
    rm -rf "$venv"
    python3 -m venv "$venv" || die "python3 -m venv failed (on Debian/Ubuntu: apt-get install python3-venv)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "aiohttp>=3.9,<4"
  fi
  # uvloop makes the fan-out clients cheaper (they share the CPUs with the
  # server); without it they use asyncio's own loop.
  if ! "$venv/bin/python" -c 'import uvloop' >/dev/null 2>&1; then
    timeout 300 "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "uvloop>=0.19" ||
      echo "$(basename "$0"): cannot install uvloop; the clients use asyncio's own event loop" >&2
  fi
  # shellcheck disable=SC2034 # for the caller
  bench_py="$venv/bin/python"
}

bench_init() {
  local name="$1"
  command -v python3 >/dev/null 2>&1 || die "python3 is required"
  command -v curl >/dev/null 2>&1 || die "curl is required"
  bench_work_dir="$(mktemp -d "/tmp/vellum-$name.XXXXXX")"
  # As root, vellum runs its PostgreSQL as the postgres user, which must be
  # able to traverse the data dir.
  chmod 755 "$bench_work_dir"
  bench_data_dir="$bench_work_dir/data"
  mkdir -m 755 "$bench_data_dir"
  bench_log_file="$bench_work_dir/vellum.log"
  bench_vellum_pid=""
  bench_port="$(bench_free_port)"
  bench_base_url="http://127.0.0.1:$bench_port"
  # Always the embedded PostgreSQL under the throwaway data dir: a benchmark
  # must not touch a configured database. The rate limit is raised so that
  # the runs measure the server, not the limiter.
  bench_vellum_env=(
    VELLUM_ADDR="127.0.0.1:$bench_port"
    VELLUM_DATA_DIR="$bench_data_dir"
    VELLUM_ENV=development
    VELLUM_PUBLIC_URL="$bench_base_url"
    VELLUM_REQUESTS_PER_MINUTE=1000000000
    RUST_LOG=warn
    NO_COLOR=1
  )
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# Runs a vellum subcommand (not `serve`) in the benchmark's environment,
# with its stderr in the log: bench_vellum seed-demo --items 100
bench_vellum() {
  env -u DATABASE_URL "${bench_vellum_env[@]}" "$VELLUM_BIN" "$@" 2>>"$bench_log_file" </dev/null
}

# bench_start_vellum [NAME=VALUE...]: extra settings for this server only.
bench_start_vellum() {
  # env execs vellum, so $! is vellum's pid (what bench_stop_vellum signals).
  env -u DATABASE_URL "${bench_vellum_env[@]}" "$@" \
    "$VELLUM_BIN" serve >>"$bench_log_file" 2>&1 </dev/null &
  bench_vellum_pid=$!
  local timeout="${VELLUM_BENCH_STARTUP_TIMEOUT:-60}" deadline rc
  deadline=$((SECONDS + timeout))
  until curl -fsS --max-time 2 -o /dev/null "$bench_base_url/health" 2>/dev/null; do
    if ! kill -0 "$bench_vellum_pid" 2>/dev/null; then
      rc=0
      wait "$bench_vellum_pid" || rc=$?
      bench_vellum_pid=""
      die "vellum exited (status $rc) before /health answered"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      die "vellum did not answer $bench_base_url/health within ${timeout}s"
    fi
    sleep 0.5
  done
}

bench_stop_vellum() {
  if [ -n "${bench_vellum_pid:-}" ] && kill -0 "$bench_vellum_pid" 2>/dev/null; then
    # A benchmark may have stopped it (SIGSTOP) and failed before resuming it.
    kill -CONT "$bench_vellum_pid" 2>/dev/null || true
    kill -TERM "$bench_vellum_pid" 2>/dev/null || true
    for _ in $(seq 1 300); do # up to 30 s for a graceful stop
      kill -0 "$bench_vellum_pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$bench_vellum_pid" 2>/dev/null; then
      echo "$(basename "$0"): vellum did not stop within 30 s of SIGTERM; killing it" >&2
      kill -KILL "$bench_vellum_pid" 2>/dev/null || true
    fi
    wait "$bench_vellum_pid" 2>/dev/null || true
  fi
  bench_vellum_pid=""
}

# Stops the embedded PostgreSQL if vellum left it running (it should not).
bench_stop_orphan_postgres() {
  local pidfile pg_pid
  [ -n "${bench_data_dir:-}" ] || return 0
  for pidfile in "$bench_data_dir"/postgres/postmaster.pid "$bench_data_dir"/*/postmaster.pid; do
    [ -f "$pidfile" ] || continue
    pg_pid="$(head -n1 "$pidfile" 2>/dev/null || true)"
    [[ "$pg_pid" =~ ^[0-9]+$ ]] || continue
    kill -0 "$pg_pid" 2>/dev/null || continue
    echo "$(basename "$0"): vellum left PostgreSQL (pid $pg_pid) running; stopping it" >&2
    kill -INT "$pg_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pg_pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -QUIT "$pg_pid" 2>/dev/null || true
  done
}

# The EXIT trap: stops everything, shows the end of vellum's log on
# failure, removes the work dir, and keeps the exit status.
bench_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  bench_stop_vellum
  bench_stop_orphan_postgres
  if [ "$status" -ne 0 ] && [ -s "${bench_log_file:-}" ]; then
    echo "---- vellum log (last 40 lines) ----" >&2
    tail -n 40 "$bench_log_file" >&2 || true
    echo "---- end of vellum log ----" >&2
  fi
  if [ -n "${bench_work_dir:-}" ]; then
    rm -rf "$bench_work_dir"
  fi
  exit "$status"
}

# shellcheck shell=bash
# Shared setup for the scripts in script/. Sourced, never run: it moves to the
# repository root and sets up PATH and CARGO_TARGET_DIR for the caller.

VELLUM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export VELLUM_ROOT
cd "$VELLUM_ROOT" || exit 1

_vellum_home="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"

# One build cache per user, shared by every clone (CI runs in a fresh clone
# each time, so a target dir inside the clone would rebuild from scratch).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$_vellum_home/.cache}/vellum/target}"

# rustup's cargo, when the caller's PATH lacks it (non-login shells, CI).
if ! command -v cargo >/dev/null 2>&1 && [ -x "${CARGO_HOME:-$_vellum_home/.cargo}/bin/cargo" ]; then
  export PATH="${CARGO_HOME:-$_vellum_home/.cargo}/bin:$PATH"
fi

# Put the PostgreSQL server binaries (initdb, pg_ctl, postgres) on PATH when
# they are not: Debian and Ubuntu keep them in /usr/lib/postgresql/<ver>/bin.
# The embedded PostgreSQL of `vellum serve` and of the tests needs them.
vellum_pg_path() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    return 0
  fi
  local dir best=""
  for dir in /usr/lib/postgresql/*/bin; do
    if [ ! -x "$dir/initdb" ] || [ ! -x "$dir/pg_ctl" ]; then continue; fi
    if [ -z "$best" ] || [ "$(printf '%s\n%s\n' "$best" "$dir" | sort -V | tail -n1)" = "$dir" ]; then
      best="$dir"
    fi
  done
  if [ -n "$best" ]; then
    export PATH="$best:$PATH"
    return 0
  fi
  return 1
}
vellum_pg_path || true

# Print a step banner.
banner() {
  printf '\n==> %s\n' "$*"
}

# Print to stderr and exit 1.
die() {
  printf '%s: %s\n' "$(basename "$0")" "$*" >&2
  exit 1
}

# Run script/bootstrap once per script/* invocation tree.
ensure_bootstrapped() {
  if [ "${VELLUM_BOOTSTRAPPED:-}" != 1 ]; then
    bash "$VELLUM_ROOT/script/bootstrap"
    export VELLUM_BOOTSTRAPPED=1
  fi
  # bootstrap may have just installed PostgreSQL
  vellum_pg_path || true
}

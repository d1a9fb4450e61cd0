# shellcheck shell=bash
# Installs, or names the one command that installs, what run.sh and test.sh need on a fresh
# Debian machine: the .NET 10 SDK and the PostgreSQL server binaries (the silo and the tests run a
# private PostgreSQL from them; see src/Postgres/Embedded/EmbeddedPostgres.cs). Sourced, not run:
# the calling script chooses which ensure_* functions it needs. A missing piece that this script
# cannot install ends the calling script with exit code 1.

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Ends the calling script: says what is missing and the one command that installs it.
prerequisite_missing() {
  printf '%s\nInstall it with:\n  %s\n' "$1" "$2" >&2
  exit 1
}

is_root() {
  [[ "$(id -u)" == 0 ]]
}

ensure_dotnet() {
  # dotnet-install.sh installs to ~/.dotnet without touching PATH; use such an install if present.
  if ! command -v dotnet >/dev/null 2>&1 && [[ -x "$HOME/.dotnet/dotnet" ]]; then
    export DOTNET_ROOT="$HOME/.dotnet"
    export PATH="$DOTNET_ROOT:$PATH"
  fi

  # Printed for the user to run, so $HOME stays unexpanded.
  # shellcheck disable=SC2016
  local install='curl -fsSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0 && export PATH="$HOME/.dotnet:$PATH"'
  if ! command -v dotnet >/dev/null 2>&1; then
    prerequisite_missing "The .NET SDK (dotnet) is not installed; OrleansSync needs .NET 10." "$install"
  fi

  # global.json asks for a 10.0 SDK; an older one fails later with a less helpful message.
  if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    prerequisite_missing "dotnet is installed but has no .NET 10 SDK (found: $(dotnet --list-sdks 2>/dev/null | cut -d' ' -f1 | tr '\n' ' '))." "$install"
  fi
}

# The same places EmbeddedPostgres.FindBinDirectory looks: pg_config --bindir, then Debian's
# /usr/lib/postgresql/<version>/bin.
has_postgres_binaries() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]]; then
      return 0
    fi
  fi
  for dir in /usr/lib/postgresql/*/bin; do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]]; then
      return 0
    fi
  done
  return 1
}

ensure_postgres() {
  if has_postgres_binaries; then
    return 0
  fi

  if ! is_root; then
    prerequisite_missing "The PostgreSQL server binaries (initdb, pg_ctl, postgres) are not installed." \
      "sudo apt-get update && sudo apt-get install -y postgresql"
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    prerequisite_missing "The PostgreSQL server binaries are not installed and this is not a Debian-like system." \
      "your distribution's PostgreSQL server package (initdb and pg_ctl must be on pg_config --bindir)"
  fi

  echo "Installing the PostgreSQL server binaries (apt-get install postgresql)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  # Debian's package would otherwise create and start a system-wide cluster on port 5432 that
  # nothing here uses: postgresql-common comes first so that can be switched off before the server
  # package is installed. postgresql-common also creates the postgres user EmbeddedPostgres runs
  # the server as when it is started by root.
  apt-get install -y --no-install-recommends postgresql-common
  sed -ri 's/^#?[[:space:]]*create_main_cluster[[:space:]]*=.*/create_main_cluster = false/' \
    /etc/postgresql-common/createcluster.conf
  apt-get install -y postgresql

  has_postgres_binaries || prerequisite_missing "apt-get installed postgresql but its binaries were not found." \
    "apt-get install -y --reinstall postgresql"
}

# Debian's Chromium for the dashboard's browser tests (tests/Dashboard.Tests). Playwright drives it
# at /usr/bin/chromium and never downloads a browser of its own: its download hosts are not
# reachable from here, and a browser build from outside the distribution would not get its
# security updates.
ensure_browser() {
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  if [[ -x /usr/bin/chromium ]]; then
    return 0
  fi

  if ! is_root; then
    prerequisite_missing "Chromium (/usr/bin/chromium), which the dashboard's browser tests drive, is not installed." \
      "sudo apt-get update && sudo apt-get install -y chromium"
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    prerequisite_missing "Chromium, which the dashboard's browser tests drive, is not installed and this is not a Debian-like system." \
      "your distribution's chromium package, installed as /usr/bin/chromium"
  fi

  echo "Installing Chromium for the dashboard's browser tests (apt-get install chromium)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  # A font is named explicitly: Chromium only recommends one, and without any the screenshots
  # show boxes instead of text.
  apt-get install -y --no-install-recommends chromium fonts-dejavu-core

  [[ -x /usr/bin/chromium ]] || prerequisite_missing "apt-get installed chromium but /usr/bin/chromium is missing." \
    "apt-get install -y --reinstall chromium"
}

# docker-compose.yml is for users with Docker; no Docker engine runs here, but the compose client
# validates the file without one. Debian ships the compose client as the docker-compose package.
validate_compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose -f docker-compose.yml config -q
    return
  fi

  if ! command -v docker-compose >/dev/null 2>&1; then
    if ! is_root || ! command -v apt-get >/dev/null 2>&1; then
      echo "docker-compose.yml not validated: no compose client (install one with: sudo apt-get install -y docker-compose)" >&2
      return 0
    fi

    echo "Installing the compose client to validate docker-compose.yml (apt-get install docker-compose)..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get update >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker-compose >/dev/null
  fi

  docker-compose -f docker-compose.yml config -q
  echo "docker-compose.yml is valid" >&2
}

#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, then runs the silo (Orleans, grains,
# dashboard, co-hosted API and simulators) on http://127.0.0.1:5080 with its own PostgreSQL under
# .data/.
#   ./run.sh                 the system
#   ./run.sh --demo          the system with the simulators seeded (prisoners, accounting points, tenures)
#   ./run.sh token [...]     prints a token the running system accepts (see --help), without a build
# Other arguments go to the silo (e.g. --Urls http://127.0.0.1:5081).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# shellcheck source=scripts/ensure-prerequisites.sh
source scripts/ensure-prerequisites.sh
ensure_dotnet

# The embedded PostgreSQL, the dev token and the signing key live in the repository's .data/,
# whatever the working directory: the token command must find the running system's key.
export Silo__DataDirectory="${Silo__DataDirectory:-$PWD/.data}"
silo_dll=src/Silo/bin/Release/net10.0/OrleansSync.Silo.dll

if [[ "${1:-}" == token ]]; then
  # Reuses the running system's build: a token in seconds, and only the token on stdout.
  if [[ ! -f "$silo_dll" ]]; then
    echo "Building the silo once (about a minute)..." >&2
    dotnet build -c Release src/Silo/Silo.csproj -nologo -v quiet >&2
  fi
  exec dotnet run -c Release --no-build --project src/Silo -- "$@"
fi

ensure_postgres

args=()
for arg in "$@"; do
  if [[ "$arg" == --demo ]]; then
    export Silo__Demo=true
  else
    args+=("$arg")
  fi
done

echo "[1/3] Building OrleansSync (Release; the first build takes a minute or two)..." >&2
dotnet build -c Release src/Silo/Silo.csproj -nologo

echo "[2/3] Starting the silo and its PostgreSQL under $Silo__DataDirectory..." >&2
# Says once where to go when the silo is ready; the silo's own log shows the rest.
command -v curl >/dev/null 2>&1 && (
  for _ in $(seq 1 180); do
    if curl -fsS -o /dev/null http://127.0.0.1:5080/health/ready 2>/dev/null; then
      echo "[3/3] Ready: dashboard http://127.0.0.1:5080/dashboard, API http://127.0.0.1:5080/swagger, admin token in $Silo__DataDirectory/dev-token. Ctrl+C stops it." >&2
      exit 0
    fi
    sleep 1
  done
) &
exec dotnet run -c Release --no-build --project src/Silo -- "${args[@]}"

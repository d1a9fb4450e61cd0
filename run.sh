#!/usr/bin/env bash
# The README's run command: installs what is missing, then runs the silo (runtime, grains,
# dashboard and co-hosted API) on http://127.0.0.1:5080 with its own PostgreSQL under .data/.
# Arguments after the script name go to the silo.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# shellcheck source=scripts/ensure-prerequisites.sh
source scripts/ensure-prerequisites.sh
ensure_dotnet
ensure_postgres

# The embedded PostgreSQL, the dev token and the signing key live in the repository's .data/.
export Silo__DataDirectory="${Silo__DataDirectory:-$PWD/.data}"

echo "Starting OrleansSync on http://127.0.0.1:5080 (Ctrl+C stops it)" >&2
exec dotnet run -c Release --project src/Silo -- "$@"

#!/usr/bin/env bash
# The README's test command. Installs what is missing, runs every test project of the solution
# (each test process starts its own private PostgreSQL; ORLEANSSYNC_TEST_CONNECTION points them
# at an existing server instead), and ends with a summary whose last line is
# "N passed, N failed, N skipped".
# Arguments are passed to dotnet test, e.g. ./test.sh --filter EmbeddedPostgres
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# shellcheck source=scripts/ensure-prerequisites.sh
source scripts/ensure-prerequisites.sh
ensure_dotnet
ensure_postgres
ensure_browser
validate_compose

results=TestResults
rm -rf "$results"

status=0
# Minimal console output keeps a CI log readable (failures still print with their output); blame
# names the test that was running if a test host crashes, and stops a host hung on one test.
dotnet test OrleansSync.sln -c Release \
  --logger "console;verbosity=minimal" \
  --logger trx \
  --results-directory "$results" \
  --blame --blame-hang --blame-hang-dump-type none --blame-hang-timeout 15m \
  "$@" || status=$?

# One TRX file per test project: the summary lists each project's outcome and every failure, and
# ends with the line "N passed, N failed, N skipped".
shopt -s nullglob
summary=0
awk -f scripts/summarize-test-results.awk "$results"/*.trx </dev/null || summary=$?
# dotnet test's own status also catches a build error or a crashed test host.
if ((status != 0 || summary != 0)); then
  exit 1
fi

#!/usr/bin/env bash
# The README's test command. Installs what is missing, runs every test project of the solution
# (each test process starts its own private PostgreSQL; ORLEANSSYNC_TEST_CONNECTION points them
# at an existing server instead), and ends with one line: "N passed, N failed, N skipped".
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
dotnet test OrleansSync.sln -c Release \
  --logger "console;verbosity=normal" \
  --logger trx \
  --results-directory "$results" \
  "$@" || status=$?

# One TRX file per test project, one UnitTestResult per test run. Every outcome that is not a
# pass or a skip ("NotExecuted") counts as a failure.
passed=0 failed=0 skipped=0
shopt -s nullglob
trx_files=("$results"/*.trx)
if ((${#trx_files[@]} > 0)); then
  while read -r outcome; do
    case "$outcome" in
      Passed) passed=$((passed + 1)) ;;
      NotExecuted) skipped=$((skipped + 1)) ;;
      *) failed=$((failed + 1)) ;;
    esac
  done < <(grep -ho '<UnitTestResult [^>]*outcome="[A-Za-z]*"' "${trx_files[@]}" | sed 's/.*outcome="\([A-Za-z]*\)"$/\1/')
fi

echo "$passed passed, $failed failed, $skipped skipped"
# dotnet test's own status also catches a build error or a crashed test host.
if ((status != 0 || failed > 0 || passed + failed + skipped == 0)); then
  exit 1
fi

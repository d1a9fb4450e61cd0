# Reads the TRX files of a test run (one per test project) and prints what a CI log's tail must
# show: one line per project (its outcome and counts, so an aborted or crashed test host is
# visible), the name and first lines of the message of every failed test, any error the test
# platform recorded, and last the total line "N passed, N failed, N skipped". Exits 1 if any test
# failed, a project did not complete, or no test ran.
#
# Usage: awk -f scripts/summarize-test-results.awk TestResults/*.trx

function unescape(text) {
  gsub(/&lt;/, "<", text); gsub(/&gt;/, ">", text); gsub(/&quot;/, "\"", text)
  gsub(/&apos;/, "'", text); gsub(/&#xD;/, "", text); gsub(/&#xA;/, "\n      ", text)
  gsub(/&amp;/, "\\&", text)
  return text
}

function attribute(line, name,    pattern) {
  pattern = name "=\"[^\"]*\""
  if (!match(line, pattern)) return ""
  return substr(line, RSTART + length(name) + 2, RLENGTH - length(name) - 3)
}

FNR == 1 { project = ""; in_message = 0; in_error_text = 0 }

/<UnitTest / && project == "" {
  project = attribute($0, "storage")
  sub(/.*\//, "", project); sub(/\.dll$/, "", project)
}

/<UnitTestResult / {
  outcome = attribute($0, "outcome")
  if (outcome == "Passed") passed++
  else if (outcome == "NotExecuted") skipped++
  else { failed++; failures[failed] = unescape(attribute($0, "testName")) " (" outcome ")"; collecting = failed }
}

# The message of the failed test being read: its first lines are enough to tell what broke.
collecting && /<Message>/ { in_message = 1; lines = 0; sub(/.*<Message>/, "") }
in_message {
  text = $0; done = sub(/<\/Message>.*/, "", text)
  if (lines < 6) { messages[collecting] = messages[collecting] "\n      " unescape(text); lines++ }
  if (done) { in_message = 0; collecting = 0 }
}
/<\/UnitTestResult>/ { collecting = 0 }

/<ResultSummary / { summaries[FILENAME] = attribute($0, "outcome") }
/<Counters / {
  counts[FILENAME] = "total " attribute($0, "total") ", executed " attribute($0, "executed") \
    ", passed " attribute($0, "passed") ", failed " attribute($0, "failed")
  names[FILENAME] = project
}

# Errors of the run itself (a crashed or aborted test host), not of one test.
/<RunInfo .*outcome="Error"/ { in_error_text = 1 }
in_error_text && /<Text>/ {
  text = substr($0, index($0, "<Text>") + 6); sub(/<\/Text>.*/, "", text)
  error_texts = error_texts "\n  " names_or(project) ": " unescape(text)
}
in_error_text && /<\/RunInfo>/ { in_error_text = 0 }

function names_or(value) { return value == "" ? FILENAME : value }

END {
  for (file in summaries) {
    printf "%s: %s (%s)\n", names_or(names[file]), summaries[file], counts[file]
    # A failed run is counted by its failures; these outcomes mean tests did not run to the end.
    if (summaries[file] ~ /^(Aborted|Error|Timeout|Disconnected|InProgress|Pending)$/) incomplete++
  }
  for (i = 1; i <= failed; i++) printf "FAILED %s%s\n", failures[i], messages[i]
  if (error_texts != "") printf "Test platform errors:%s\n", error_texts
  printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped
  exit (failed > 0 || incomplete > 0 || passed + failed + skipped == 0) ? 1 : 0
}

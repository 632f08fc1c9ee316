#!/usr/bin/env bash
# Runs every test: installs what is missing, builds in Release, runs all test projects (the PostGIS tests start
# their own throwaway cluster), and ends with one line of totals: "N passed, N failed, N skipped".
# --fast: no installing and no format check; builds, then runs only the tests that need neither PostGIS nor a
# browser (the xunit trait Needs, tests/Gis.TestSupport/Needs.cs), with the same totals line.
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

fast=0
[ "${1:-}" = "--fast" ] && fast=1

format_failed=0
filter=()
if [ $fast -eq 1 ]; then
  filter=(--filter "Needs!=PostGIS&Needs!=Browser")
else
  bash scripts/bootstrap.sh || exit 1

  # House style: the code is formatted as .editorconfig says; a difference fails the run like a failing test.
  if ! dotnet format Gis.sln --verify-no-changes; then
    echo "test: 'dotnet format Gis.sln' would change files (see above); run it and commit" >&2
    format_failed=1
  fi
fi

results="$root/artifacts/test-results"
rm -rf "$results"
dotnet test Gis.sln -c Release --logger "trx" --results-directory "$results" --nologo "${filter[@]}"
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + t - e))
done
# A build failure runs no test, and a format difference is a failed check: neither may read as a green run.
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi
if [ $format_failed -ne 0 ]; then failed=$((failed + 1)); status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status

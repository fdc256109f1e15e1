#!/usr/bin/env bash
# Runs Mailstrom's whole test suite on a Debian machine with the .NET SDK.
#
# It installs the real mail components the tests talk to (Postfix, dnsmasq, Azurite) when they are missing,
# starts them on loopback addresses, builds the solution, runs every test project, and stops the components.
# Any component that cannot be installed or started fails the run: tests never skip for a missing server.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MAILSTROM_RIG_DIR=${MAILSTROM_RIG_DIR:-/tmp/mailstrom-rig}
results=$(mktemp -d)

bash eng/rig/install.sh
trap 'bash eng/rig/stop.sh >/dev/null 2>&1 || true' EXIT
bash eng/rig/start.sh

dotnet build Mailstrom.sln -c Release -warnaserror -nologo -v quiet

status=0
dotnet test Mailstrom.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 20m || status=$?

# One closing line over all test projects, summed from their result files.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
exit "$status"

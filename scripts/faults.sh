#!/usr/bin/env bash
# The fault-injection suite (docs/reliability.md): real terminal and hub processes, a real
# Mosquitto, network namespaces, a tmpfs disk, fuzzed payloads; one checker counts what was lost,
# duplicated or unexpected. Prints every scenario's summary table at the end.
#
#   scripts/faults.sh            short tier (what `./mvnw verify` runs), ~5 minutes on 2 cores
#   scripts/faults.sh --long     nightly tier: many more iterations, longer outages (~1 hour)
#   scripts/faults.sh --only 'HubKillIT,NetworkIT'   some scenarios (class names, comma-separated)
#   REDVEST_FAULTS_SEED=N scripts/faults.sh          replay the random kill points of a run
#
# Needs root for the network-namespace and tmpfs faults (skipped otherwise, or failing under
# REDVEST_REQUIRE_TESTDATA=1) and mosquitto + iproute2 (scripts/install-test-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
tier=short
only='org/redvest/terminal/faults/*IT'
while (($#)); do
  case "$1" in
    --long) tier=long ;;
    --only) only="$2"; shift ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
args=(-B -Dredvest.faults="$tier")
[ -n "${REDVEST_FAULTS_SEED:-}" ] && args+=(-Dredvest.faults.seed="$REDVEST_FAULTS_SEED")
offline=()
[ -d "$HOME/.m2/repository/org/redvest" ] && offline=(-o)
./mvnw "${offline[@]}" -q -B -pl protocol,hardware-profiles,hub,terminal -am install -DskipTests
rm -rf terminal/target/faults/*.md
status=0
./mvnw "${offline[@]}" "${args[@]}" -pl terminal failsafe:integration-test failsafe:verify \
  -Dit.test="$only" -Dfailsafe.failIfNoSpecifiedTests=false || status=$?
echo
echo "== fault suite, tier $tier: summaries (also in terminal/target/faults/*.md)"
cat terminal/target/faults/*.md 2>/dev/null || echo "(no summaries written)"
exit $status

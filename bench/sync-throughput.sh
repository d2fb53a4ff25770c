#!/usr/bin/env bash
# Sync benchmark: 10,000 repositories per provider (or $1) from loopback fakes of the four APIs,
# listed twice by the real agent. Prints API calls against the minimum, wall time, peak RSS and
# the rows the second (unchanged) run wrote.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" --bench
BUILD_TYPE=Release BUILD_DIR=${BUILD_DIR:-$root/build-release} "$root/scripts/build.sh" -DFORGELINK_BUILD_TESTS=ON
exec "${BUILD_DIR:-$root/build-release}/bench/syncbenchmark" "${1:-10000}"

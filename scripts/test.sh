#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test. The keychain tests need a Secret Service:
# the suite runs inside its own D-Bus session with an unlocked gnome-keyring. The store tests run
# against SQLite and against a throwaway PostgreSQL that with-postgres.sh starts and stops.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" -DFORGELINK_BUILD_TESTS=ON
# The consumers' own verification libraries (Standard Webhooks, Octokit) check what the agent
# forwards; a test skips, saying why, when they could not be installed.
if command -v npm >/dev/null; then
  npm ci --prefix "$root/tests/consumers" --no-audit --no-fund --loglevel=error >/dev/null \
    || echo "forgelink: npm ci in tests/consumers failed; the consumer-library checks will skip" >&2
fi
# The fuzz targets run briefly first, so ctest's summary is the last thing printed.
FUZZ_SECONDS=${FUZZ_SECONDS:-20} "$root/scripts/fuzz.sh"
export QT_QPA_PLATFORM=offscreen
exec dbus-run-session -- "$root/scripts/with-keyring.sh" "$root/scripts/with-postgres.sh" \
  ctest --test-dir "$build" --output-on-failure --timeout 300 -j "$(nproc)" "$@"

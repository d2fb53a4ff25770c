#!/usr/bin/env bash
# Saves a PNG of each wizard page to docs/screenshots (or $1), rendered in a real X window under
# xvfb-run, with sample answers.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/docs/screenshots}
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" -DFORGELINK_BUILD_TESTS=ON
mkdir -p "$out"
# In a D-Bus session with an unlocked keyring, as on a desktop: the welcome page shows the
# keychain as available instead of why it is not.
HOME=$(mktemp -d) dbus-run-session -- "$root/scripts/with-keyring.sh" \
  xvfb-run -a -s "-screen 0 1280x1024x24" "${BUILD_DIR:-$root/build}/tests/app/wizardscreenshots" "$out"
ls "$out"

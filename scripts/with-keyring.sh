#!/usr/bin/env bash
# Starts an unlocked gnome-keyring in the current D-Bus session, then runs the command.
# When no keyring can start, the command still runs: the keychain tests then skip and say why.
set -uo pipefail
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
export HOME=${FORGELINK_TEST_HOME:-$(mktemp -d)}
mkdir -p "$HOME/.local/share/keyrings"
if command -v gnome-keyring-daemon >/dev/null; then
  # Unlocking with a password creates the "login" collection; no prompt is ever needed.
  if eval "$(printf 'forgelink-test' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"; then
    export FORGELINK_KEYRING=started
  fi
fi
"$@"

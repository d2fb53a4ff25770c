#!/usr/bin/env bash
# Installs the Debian packages forgelink needs to build, run and test, only those that are missing.
# Idempotent; uses sudo when not run as root. Works on Debian 12 and Ubuntu 22.04+.
# Options: --agent (only what building the agent needs: the container image), --bench (the
# benchmarks' tools too), --list (print the packages instead of installing them).
set -euo pipefail

# What building the agent needs (the container image's build stage: install-deps.sh --agent).
agent_packages=(
  # toolchain (openssl: the README's example makes a key with it)
  build-essential cmake ninja-build pkg-config openssl
  # Qt 6 Core/Network/Sql and its SQLite and PostgreSQL drivers
  qt6-base-dev libqt6sql6-sqlite libqt6sql6-psql libsqlite3-dev
  # OS keychain for keychain: secret references
  qtkeychain-qt6-dev
  # crypto (HMAC, CSPRNG, RSA keys and JWT signatures), YAML, HTTP/1.1 parser (Boost.Beast, header-only)
  libssl-dev libyaml-cpp-dev libboost-dev
  # JSON: simdjson parses webhook payloads and API pages
  libsimdjson-dev
  # sd_notify, so the systemd unit can be Type=notify
  libsystemd-dev
)

packages=("${agent_packages[@]}"
  # the wizard: Qt Gui/Widgets, Linguist for its translations, the offscreen and xcb platforms
  qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  qt6-qpa-plugins libgl-dev
  # clang's libFuzzer for the fuzz targets
  clang libclang-rt-dev
  # PostgreSQL for the store tests against a real server, nginx as the load balancer in front of
  # two agents in the fault tests
  postgresql nginx-light
  # a Secret Service for the keychain tests, a virtual display for screenshots
  dbus dbus-daemon gnome-keyring xvfb xauth
  # a real browser for the GitHub App Manifest flow's test
  chromium
  # promtool checks and unit-tests the alerts and lints /metrics
  prometheus
  # the container image is built and run in a test: buildah, on a base mmdebstrap makes
  buildah mmdebstrap
)

list_only=false
for argument in "$@"; do
  case "$argument" in
    --agent) packages=("${agent_packages[@]}") ;;
    --bench) ;;
    --list) list_only=true ;;
    *) echo "install-deps.sh: unknown option $argument (known: --agent, --bench, --list)" >&2; exit 2 ;;
  esac
done

# The benchmarks' load generator and reference server: bench/*.sh pass --bench.
if [[ " $* " == *" --bench "* ]]; then
  packages+=(wrk curl python3 time)
fi

# Node.js runs the consumers' own verification libraries in the tests (tests/consumers); Debian's
# only when none is here.
if [[ " $* " != *" --agent "* ]] && ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

# `kubectl kustomize` renders the Kubernetes base in the tests; Debian's kubectl only when none is here.
if [[ " $* " != *" --agent "* ]] && ! command -v kubectl >/dev/null; then
  packages+=(kubernetes-client)
fi

if $list_only; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "forgelink: all build and test dependencies are installed"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "forgelink: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "forgelink: installing ${missing[*]}"
"${sudo[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on loopback in a temporary data directory, runs the command with
# FORGELINK_TEST_POSTGRES=127.0.0.1:PORT (superuser "forgelink", trust auth), and stops it after.
set -uo pipefail
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ]; then
  echo "with-postgres: PostgreSQL is not installed (Debian: postgresql)" >&2
  exit 1
fi
dir=$(mktemp -d)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root: the postgres user owns the throwaway cluster.
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
"${as_owner[@]}" "$pgbin/initdb" -D "$dir/data" -A trust -U forgelink >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
port=""
for attempt in 1 2 3 4 5; do
  candidate=$((20000 + RANDOM % 30000))
  if "${as_owner[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
       -o "-c listen_addresses=127.0.0.1 -p $candidate -k $dir -c max_connections=200" start >/dev/null 2>&1; then
    port=$candidate
    break
  fi
done
if [ -z "$port" ]; then
  echo "with-postgres: PostgreSQL did not start:" >&2
  cat "$dir/server.log" >&2
  exit 1
fi
export FORGELINK_TEST_POSTGRES="127.0.0.1:$port"
export FORGELINK_TEST_POSTGRES_DATA="$dir/data"
export FORGELINK_TEST_POSTGRES_BIN="$pgbin"
echo "with-postgres: PostgreSQL on 127.0.0.1:$port"
"$@"
status=$?
"${as_owner[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1
rm -rf "$dir"
exit $status

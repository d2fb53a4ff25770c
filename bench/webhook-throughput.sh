#!/usr/bin/env bash
# Throughput of forgelink-agent's webhook endpoint against nginx's ceiling on the same machine.
#
# wrk posts a signed ~6 KiB GitHub push with a fresh X-GitHub-Delivery per request over 64
# connections to: one agent on SQLite, one agent on PostgreSQL, two agents on one PostgreSQL
# behind nginx, and nginx answering 204 (the ceiling). Each agent verifies, normalizes and
# commits durably before answering. Prints deliveries/s, p50/p99 latency, peak RSS, the ratio.
#   bench/webhook-throughput.sh [seconds]        (default 15)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${FORGELINK_TEST_POSTGRES:-}" ]; then
  "$root/scripts/install-deps.sh" --bench
  BUILD_TYPE=Release BUILD_DIR=${BUILD_DIR:-$root/build-release} "$root/scripts/build.sh" -DFORGELINK_BUILD_TESTS=OFF >/dev/null
  exec "$root/scripts/with-postgres.sh" "$0" "$@"   # a throwaway PostgreSQL for the replica runs
fi
seconds=${1:-15}
connections=${CONNECTIONS:-64}
agent=${BUILD_DIR:-$root/build-release}/agent/forgelink-agent
path=/api/events-handler/v1/events/github

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
secret=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')

# A GitHub push of about 6 KiB.
python3 - "$work/body.json" <<'PY'
import json, sys
commits = [{"id": "%040x" % i, "message": "Change %d: " % i + "x" * 200, "timestamp": "2026-11-26T02:00:00Z",
            "author": {"name": "Dev", "email": "dev@example.com"}, "added": [], "removed": [], "modified": ["src/file%d.cpp" % i]}
           for i in range(12)]
body = {"ref": "refs/heads/main", "before": "a" * 40, "after": "b" * 40, "created": False, "deleted": False,
        "forced": False, "repository": {"id": 1, "full_name": "acme/app", "name": "app", "default_branch": "main"},
        "pusher": {"name": "dev"}, "sender": {"login": "dev"}, "commits": commits, "head_commit": commits[-1]}
open(sys.argv[1], "w").write(json.dumps(body))
PY
signature=$(openssl dgst -sha256 -hmac "$secret" -hex < "$work/body.json" | awk '{print $NF}')
cat > "$work/post.lua" <<LUA
local counter = 0
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
function init(args)
  local f = io.open("$work/body.json", "rb"); wrk.body = f:read("*a"); f:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-GitHub-Event"] = "push"
  wrk.headers["X-Hub-Signature-256"] = "sha256=$signature"
end
function request()
  counter = counter + 1
  wrk.headers["X-GitHub-Delivery"] = "bench-" .. os.time() .. "-" .. tid .. "-" .. counter
  return wrk.format()
end
LUA

pg_host=${FORGELINK_TEST_POSTGRES%%:*}
pg_port=${FORGELINK_TEST_POSTGRES##*:}
psql -h "$pg_host" -p "$pg_port" -U forgelink -d postgres -qc "CREATE DATABASE bench" >/dev/null

start_agent() { # name port database
  cat > "$work/$1.yaml" <<YAML
listen: 127.0.0.1:$2
database: $3
limits: {maxConnections: 1024}
providers:
  github: {appId: 1, webhookSecret: "$secret"}
YAML
  QT_LOGGING_RULES="forgelink.*.info=false" "$agent" serve --config "$work/$1.yaml" 2> "$work/$1.log" &
  pids+=($!)
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$2/healthz" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "the agent $1 did not start:" >&2; cat "$work/$1.log" >&2; exit 1
}
load() { # name url
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/post.lua" "$2$path" > "$work/$1.txt"
}
rss_mib() { awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

start_agent sqlite 18091 "sqlite://$work/forgelink.db"
load sqlite http://127.0.0.1:18091
rss_sqlite=$(rss_mib "${pids[-1]}")

start_agent pg1 18093 "postgresql://forgelink@$pg_host:$pg_port/bench"
load pg1 http://127.0.0.1:18093
rss_pg1=$(rss_mib "${pids[-1]}")

start_agent pg2 18094 "postgresql://forgelink@$pg_host:$pg_port/bench"
mkdir -p "$work/nginx"
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  client_max_body_size 32m;
  upstream agents { server 127.0.0.1:18093; server 127.0.0.1:18094; keepalive 64; }
  server { listen 127.0.0.1:18095; location / { proxy_pass http://agents; proxy_http_version 1.1; proxy_set_header Connection ""; } }
  server { listen 127.0.0.1:18092; location / { return 204; } }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work/nginx"
sleep 0.3
load pg2 http://127.0.0.1:18095
load nginx http://127.0.0.1:18092

python3 - "$work" "$rss_sqlite" "$rss_pg1" <<'PY'
import re, sys
work = sys.argv[1]
def parse(name):
    text = open("%s/%s.txt" % (work, name)).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def pct(p):
        m = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)" % p, text)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rps, pct(50), pct(99), int(errors.group(1)) if errors else 0
ceiling = parse("nginx")[0]
print("%-40s %12s %8s %8s %8s %7s" % ("target", "requests/s", "p50 ms", "p99 ms", "non-2xx", "ratio"))
for name, label in [("sqlite", "one agent, SQLite"), ("pg1", "one agent, PostgreSQL"),
                    ("pg2", "two agents, one PostgreSQL, behind nginx"), ("nginx", "nginx return 204 (ceiling)")]:
    rps, p50, p99, bad = parse(name)
    print("%-40s %12.0f %8.2f %8.2f %8d %7.2f" % (label, rps, p50, p99, bad, rps / ceiling))
print("peak RSS: agent on SQLite %s MiB, agent on PostgreSQL %s MiB" % (sys.argv[2], sys.argv[3]))
PY

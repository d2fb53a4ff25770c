#!/usr/bin/env bash
# Throughput of forgelink-agent's webhook endpoint against nginx's ceiling on the same machine.
#
# wrk posts a signed ~6 KiB GitHub push with a fresh X-GitHub-Delivery per request over 64
# connections, to the agent (verification, normalization, durable SQLite commit) and then to nginx
# answering 204. Prints deliveries/s, p50/p99 latency, the agent's peak RSS and the ratio.
#   bench/webhook-throughput.sh [seconds]        (default 15)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-15}
connections=${CONNECTIONS:-64}
"$root/scripts/install-deps.sh" --bench
BUILD_TYPE=Release BUILD_DIR=${BUILD_DIR:-$root/build-release} "$root/scripts/build.sh" -DFORGELINK_BUILD_TESTS=OFF
agent=${BUILD_DIR:-$root/build-release}/agent/forgelink-agent

work=$(mktemp -d)
cleanup() { [ -n "${agent_pid:-}" ] && kill "$agent_pid" 2>/dev/null; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
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
  wrk.headers["X-GitHub-Delivery"] = "bench-" .. tid .. "-" .. counter
  return wrk.format()
end
LUA

cat > "$work/agent.yaml" <<YAML
listen: 127.0.0.1:18091
database: sqlite://$work/forgelink.db
limits: {maxConnections: 1024}
providers:
  github: {appId: 1, webhookSecret: "$secret"}
YAML
QT_LOGGING_RULES="forgelink.*.info=false" "$agent" serve --config "$work/agent.yaml" 2> "$work/agent.log" &
agent_pid=$!
for _ in $(seq 50); do curl -fs http://127.0.0.1:18091/healthz >/dev/null 2>&1 && break; sleep 0.1; done
path=/api/events-handler/v1/events/github
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/post.lua" "http://127.0.0.1:18091$path" > "$work/agent.txt"
rss_kib=$(awk '/VmHWM/ {print $2}' /proc/$agent_pid/status)
stored=$("$agent" events --limit 1 --config "$work/agent.yaml" >/dev/null 2>&1; python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from deliveries').fetchone()[0])" "$work/forgelink.db")
kill -TERM $agent_pid; wait $agent_pid || true; agent_pid=

mkdir -p "$work/nginx"
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx;
  client_max_body_size 32m;
  server { listen 127.0.0.1:18092; location / { return 204; } }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work/nginx"
sleep 0.3
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/post.lua" "http://127.0.0.1:18092$path" > "$work/nginx.txt"

python3 - "$work/agent.txt" "$work/nginx.txt" "$rss_kib" "$stored" <<'PY'
import re, sys
def parse(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def pct(p):
        m = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)" % p, text)
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rps, pct(50), pct(99), int(errors.group(1)) if errors else 0
a, n = parse(sys.argv[1]), parse(sys.argv[2])
print("%-28s %12s %10s %10s %10s" % ("target", "requests/s", "p50 ms", "p99 ms", "non-2xx"))
print("%-28s %12.0f %10.2f %10.2f %10d" % ("forgelink-agent (SQLite)", *a))
print("%-28s %12.0f %10.2f %10.2f %10d" % ("nginx return 204", *n))
print("agent peak RSS: %.1f MiB; deliveries stored: %s; ratio to nginx: %.2f" % (int(sys.argv[3]) / 1024, sys.argv[4], a[0] / n[0]))
PY

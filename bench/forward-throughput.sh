#!/usr/bin/env bash
# Forwarding through the outbox, measured on one agent, on SQLite and on PostgreSQL:
#   0. nginx's ceiling: wrk posting to the nginx that stands for the target, directly;
#   1. ingest with one `original` target (nginx answering 204) against ingest with no target,
#      in one run: wrk posts signed ~6 KiB GitHub pushes for 64 repositories over 64 connections;
#   2. a backlog recorded while the target was down, drained once it is back (deliveries/s, timed
#      at the target from its first request to its last: nginx logs each with $msec);
#   (1 and 2 for each store; 3 and 4 on SQLite)
#   3. the time from the provider's request to the target receiving it at a steady 500/s
#      (bench/forwardlatency: its own sink, p50 and p99);
#   4. a target's maxPerSecond holding at 50/s and 500/s: a backlog sent to nginx, the rate
#      measured over ten seconds once the first second's burst is past.
#   bench/forward-throughput.sh [seconds]        (default 10)
#   PROFILE=perf|strace PROFILE_OUT=FILE bench/forward-throughput.sh   also profiles the agent in 1.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-release}
if [ -z "${FORGELINK_TEST_POSTGRES:-}" ]; then
  "$root/scripts/install-deps.sh" --bench
  BUILD_TYPE=Release BUILD_DIR=$build "$root/scripts/build.sh" -DFORGELINK_BUILD_TESTS=OFF >/dev/null
  exec "$root/scripts/with-postgres.sh" "$0" "$@"   # a throwaway PostgreSQL for the PostgreSQL runs
fi
seconds=${1:-10}
agent=$build/agent/forgelink-agent
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

# 64 GitHub pushes of about 6 KiB, one per repository, each signed.
python3 - "$work" "$secret" <<'PY'
import hashlib, hmac, json, sys
work, secret = sys.argv[1], sys.argv[2].encode()
lua = ["bodies = {}", "signatures = {}"]
for r in range(64):
    commits = [{"id": "%040x" % i, "message": "Change %d: " % i + "x" * 200, "timestamp": "2026-11-26T02:00:00Z",
                "author": {"name": "Dev", "email": "dev@example.com"}, "added": [], "removed": [], "modified": ["src/file%d.cpp" % i]}
               for i in range(12)]
    body = json.dumps({"ref": "refs/heads/main", "before": "a" * 40, "after": "b" * 40, "created": False, "deleted": False,
                       "forced": False, "repository": {"id": 1000 + r, "full_name": "acme/repo-%d" % r, "name": "repo-%d" % r,
                       "default_branch": "main"}, "pusher": {"name": "dev"}, "sender": {"login": "dev"}, "commits": commits,
                       "head_commit": commits[-1]})
    open("%s/body%d.json" % (work, r), "w").write(body)
    lua.append('signatures[%d] = "sha256=%s"' % (r + 1, hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()))
open(work + "/signatures.lua", "w").write("\n".join(lua) + "\n")
PY
cat > "$work/post.lua" <<LUA
dofile("$work/signatures.lua")
local counter = 0
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
function init(args)
  for r = 1, 64 do local f = io.open("$work/body" .. (r - 1) .. ".json", "rb"); bodies[r] = f:read("*a"); f:close() end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-GitHub-Event"] = "push"
end
function request()
  counter = counter + 1
  local r = counter % 64 + 1
  wrk.headers["X-GitHub-Delivery"] = "bench-" .. os.time() .. "-" .. tid .. "-" .. counter
  wrk.headers["X-Hub-Signature-256"] = signatures[r]
  return wrk.format(nil, nil, nil, bodies[r])
end
LUA

mkdir -p "$work/nginx"
cat > "$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx;
  client_max_body_size 32m;
  server { listen 127.0.0.1:18181; location / { return 204; } }
}
NGINX

pg_host=${FORGELINK_TEST_POSTGRES%%:*}
pg_port=${FORGELINK_TEST_POSTGRES##*:}
store=sqlite
database_of() { # phase name: a fresh database of the store under test
  if [ "$store" = sqlite ]; then
    echo "sqlite://$work/$1.db"
  else
    psql -h "$pg_host" -p "$pg_port" -U forgelink -d postgres -qc "CREATE DATABASE fwd_$1" >/dev/null
    echo "postgresql://forgelink@$pg_host:$pg_port/fwd_$1"
  fi
}
start_agent() { # name port forward(yes|no) target-port [target options]
  local forward=""
  [ "$3" = yes ] && forward="forward:
  - {name: pipekit, url: http://127.0.0.1:$4, parallel: 16${5:+, $5}}"
  cat > "$work/$1.yaml" <<YAML
listen: 127.0.0.1:$2
database: $(database_of "$1")
limits: {maxConnections: 1024}
$forward
providers:
  github: {appId: 1, webhookSecret: "$secret"}
YAML
  QT_LOGGING_RULES="forgelink.*.info=false" "$agent" serve --config "$work/$1.yaml" 2> "$work/$1.log" &
  pids+=($!)
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$2/healthz" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "the agent $1 did not start:" >&2; cat "$work/$1.log" >&2; exit 1
}
# A phase's database goes, and its writes reach the disk, before the next phase measures: the
# kernel writing back a gigabyte behind the next agent's fsyncs would be counted against it.
settle() {
  if [ "$store" = sqlite ]; then rm -f "$work/$1.db" "$work/$1.db-wal" "$work/$1.db-shm"; else
    psql -h "$pg_host" -p "$pg_port" -U forgelink -d postgres -qc "DROP DATABASE fwd_$1" >/dev/null; fi
  sync
}
rps() { awk '/Requests\/sec/ {printf "%d", $2}' "$1"; }
delivered() { # port: forgelink_forward_attempts_total{...result="delivered"}
  curl -fs "http://127.0.0.1:$1/metrics" | awk -F' ' '/forgelink_forward_attempts_total\{target="pipekit",result="delivered"\}/ {print $2; f=1} END {if (!f) print 0}'
}

nginx -c "$work/nginx.conf" -p "$work/nginx"
sleep 0.3

# 0. nginx's ceiling on this machine, now.
wrk -t2 -c64 -d"${seconds}s" -s "$work/post.lua" "http://127.0.0.1:18181$path" > "$work/ceiling.txt"

figures=()
for store in sqlite postgresql; do
  # 1. Ingest without and with a target.
  start_agent "plain_$store" 18182 no
  wrk -t2 -c64 -d"${seconds}s" -s "$work/post.lua" "http://127.0.0.1:18182$path" > "$work/plain.txt"
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
  settle "plain_$store"
  start_agent "forwarding_$store" 18183 yes 18181
  profiler=()
  case "${PROFILE:-}" in # the agent's profile while it ingests and forwards, beside the figures
    perf) perf record -q -o "$work/perf.data" -p "${pids[-1]}" 2>/dev/null & profiler=($!) ;;
    strace) strace -c -f -o "$work/strace.txt" -p "${pids[-1]}" 2>/dev/null & profiler=($!) ;;
  esac
  wrk -t2 -c64 -d"${seconds}s" -s "$work/post.lua" "http://127.0.0.1:18183$path" > "$work/forwarding.txt"
  if [ ${#profiler[@]} -gt 0 ]; then
    kill -INT "${profiler[0]}"; wait "${profiler[0]}" 2>/dev/null || true
    out=${PROFILE_OUT:-$root/bench/profile-$PROFILE}-$store.txt
    if [ "$PROFILE" = perf ]; then
      { perf report -i "$work/perf.data" --sort comm --stdio 2>/dev/null | grep -E '^ +[0-9]' || true  # per thread
        perf report -i "$work/perf.data" --sort comm,dso,symbol --percent-limit 0.4 --stdio 2>/dev/null | grep -v '^$' | head -80 || true
      } > "$out"
    else
      cp "$work/strace.txt" "$out"
    fi
    echo "profile: $out" >&2
  fi
  recorded=$(awk '/requests in/ {print $1}' "$work/forwarding.txt")
  for _ in $(seq 600); do [ "$(delivered 18183)" -ge "$recorded" ] && break; sleep 0.1; done
  forwarded=$(delivered 18183)
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
  settle "forwarding_$store"

  # 2. A backlog recorded while the target is down (nothing listens on 18184), then drained.
  start_agent "backlog_$store" 18185 yes 18184
  wrk -t2 -c64 -d3s -s "$work/post.lua" "http://127.0.0.1:18185$path" > "$work/backlog.txt"
  backlog=$(awk '/requests in/ {print $1}' "$work/backlog.txt")
  rm -f "$work/arrivals.log"
  cat > "$work/up.conf" <<NGINX
worker_processes 1;
pid $work/up.pid;
error_log $work/nginx/up-error.log;
events { worker_connections 4096; }
http { log_format arrival '\$msec'; access_log $work/arrivals.log arrival buffer=256k flush=1s;
       client_body_temp_path $work/nginx; client_max_body_size 32m;
       server { listen 127.0.0.1:18184; location / { return 204; } } }
NGINX
  nginx -c "$work/up.conf" -p "$work/nginx"
  for _ in $(seq 3000); do [ "$(delivered 18185)" -ge "$backlog" ] && break; sleep 0.05; done
  kill -QUIT "$(cat "$work/up.pid")" 2>/dev/null || true # flushes the log
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
  for _ in $(seq 50); do [ -f "$work/up.pid" ] || break; sleep 0.1; done
  settle "backlog_$store"
  drain=$(sort -n "$work/arrivals.log" | awk 'NR == 1 {first = $1} {last = $1; n++} END {if (n > 1 && last > first) printf "%d %d", n, (n - 1) / (last - first); else print n " 0"}')
  figures+=("$store $(rps "$work/plain.txt") $(rps "$work/forwarding.txt") $recorded $forwarded $backlog $drain")
done

store=sqlite
# 3. Latency at a steady rate.
cat > "$work/latency.yaml" <<YAML
listen: 127.0.0.1:18186
database: sqlite://$work/latency.db
forward:
  - {name: pipekit, url: http://127.0.0.1:18187}
providers:
  github: {appId: 1, webhookSecret: "$secret"}
YAML
QT_LOGGING_RULES="forgelink.*.info=false" "$agent" serve --config "$work/latency.yaml" 2> "$work/latency.log" &
pids+=($!)
for _ in $(seq 50); do curl -fs "http://127.0.0.1:18186/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
latency=$("$build/bench/forwardlatency" 18186 18187 "$secret" 500 "$seconds" || true)
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
settle latency

# 4. maxPerSecond: a backlog far longer than the window, sent at the target's rate.
rates=""
for rate in 50 500; do
  start_agent "rate$rate" 18188 yes 18181 "maxPerSecond: $rate"
  wrk -t2 -c64 -d2s -s "$work/post.lua" "http://127.0.0.1:18188$path" > "$work/rate$rate.txt"
  sleep 1.5 # past the first second's burst
  a=$(delivered 18188); t0=$(date +%s.%N)
  sleep 10
  b=$(delivered 18188); t1=$(date +%s.%N)
  rates="$rates $rate:$(python3 -c "print('%.1f' % (($b - $a) / ($t1 - $t0)))")"
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
  settle "rate$rate"
done

python3 - "$(rps "$work/ceiling.txt")" "$latency" "$rates" "${figures[@]}" <<'PY'
import sys
ceiling, latency, rates = int(sys.argv[1]), sys.argv[2], sys.argv[3]
print("nginx's ceiling (wrk to nginx):    %6d requests/s" % ceiling)
for line in sys.argv[4:]:
    store, plain, forwarding, recorded, forwarded, backlog, arrived, drain = line.split()
    plain, forwarding, drain = int(plain), int(forwarding), int(drain)
    print("%s:" % store)
    print("  ingest, no target:               %6d deliveries/s" % plain)
    print("  ingest, one original target:     %6d deliveries/s  (ratio %.2f; %s recorded, %s forwarded)" % (forwarding, forwarding / plain, recorded, forwarded))
    print("  backlog of %s drained at %6d deliveries/s  (%.2f of ingest without a target; %s arrived)" % (backlog, drain, drain / plain, arrived))
print("latency (sqlite): " + latency)
for pair in rates.split():
    wanted, measured = pair.split(":")
    print("maxPerSecond %4s: sent %7.1f/s (%+.1f%%)" % (wanted, float(measured), (float(measured) / float(wanted) - 1) * 100))
PY

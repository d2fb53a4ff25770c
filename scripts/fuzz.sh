#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each briefly:
# FUZZ_SECONDS per target (default 20). Seeds come from the webhook fixtures in tests/fixtures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-20}
fixtures=$root/tests/fixtures/webhooks
[ -d "$fixtures" ] || { echo "fuzz: the webhook fixtures are missing: expected $fixtures" >&2; exit 1; }

CXX=clang++ CC=clang cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFORGELINK_FUZZ=ON -DFORGELINK_BUILD_TESTS=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" >/dev/null
if ! cmake --build "$build" --parallel "$(nproc)" --target fuzz_httprequestparser fuzz_httpanswerparser fuzz_webhookintake > "$build/fuzz-build.log" 2>&1; then
  cat "$build/fuzz-build.log" >&2
  exit 1
fi

corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
mkdir -p "$corpus/http" "$corpus/answer" "$corpus/intake"
printf '\x07POST /api/events-handler/v1/events/github HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}GET /healthz HTTP/1.1\r\n\r\n' > "$corpus/http/seed1"
printf '\x03POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n2\r\n{}\r\n0\r\n\r\n' > "$corpus/http/seed2"
printf '\x05HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\nRetry-After: 7\r\nContent-Length: 4\r\n\r\nbusy' > "$corpus/answer/seed1"
printf '\x09HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nokay\r\n0\r\n\r\n' > "$corpus/answer/seed2"
printf '\x02HTTP/1.0 204 No Content\r\nConnection: close\r\n\r\n' > "$corpus/answer/seed3"
i=0
for provider in github gitlab bitbucket azure-devops; do
  for f in "$fixtures/$provider"/*.json; do
    for event in 0 1 2; do
      { printf "\\x$(printf %02x $i)\\x0$event"; cat "$f"; } > "$corpus/intake/$provider-$(basename "$f")-$event"
    done
  done
  i=$((i + 1))
done

status=0
for target in fuzz_httprequestparser:http fuzz_httpanswerparser:answer fuzz_webhookintake:intake; do
  name=${target%%:*}; seeds=${target##*:}
  echo "fuzz: $name for ${seconds}s"
  if ! "$build/tests/fuzz/$name" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
       -print_final_stats=1 "$corpus/$seeds" > "$corpus/$name.log" 2>&1; then
    tail -n 60 "$corpus/$name.log" >&2
    status=1
  else
    grep -E 'stat::number_of_executed_units|Done' "$corpus/$name.log" | sed "s/^/fuzz: $name: /" || true
  fi
done
exit $status

#pragma once

#include <QtGlobal>

namespace forgelink {

// What the HTTP server allows one client and all of them (agent.yaml `limits:`).
struct HttpLimits {
    qint64 maxHeaderBytes = 64 * 1024;
    qint64 maxBodyBytes = 25 * 1024 * 1024;
    int headerTimeoutMs = 10'000;
    int idleTimeoutMs = 60'000;  // keep-alive idle, and the longest pause inside a body
    int requestTimeoutMs = 120'000; // the whole request, headers and body (providers give up after 10-30 s)
    int maxConnections = 1024;
    // Memory for request bodies not yet verified, across connections: a body over 64 KiB that
    // does not fit is answered 503 with Retry-After.
    qint64 maxPendingBodyBytes = 256 * 1024 * 1024;
};

} // namespace forgelink

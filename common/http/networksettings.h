#pragma once

#include <QString>
#include <QtGlobal>

#include <atomic>
#include <memory>

namespace forgelink {

// How the agent reaches the providers' APIs (on-prem installs need a CA bundle or a proxy).
struct NetworkSettings {
    QString caBundleFile;
    QString proxyUrl;
    int timeoutMs = 30'000;
    int maxRateLimitWaitMs = 300'000;
    int maxAttempts = 5;
    int retryBaseMs = 500; // first backoff; it doubles per attempt, with jitter
    // An API answer larger than this fails the request: a page of a listing is far smaller, and a
    // hostile or broken server must not take the agent's memory.
    qint64 maxResponseBytes = 32 * 1024 * 1024;
    // Not a setting: set by whoever runs a sync or hook run, true when it must stop (SIGTERM).
    // Every API client made from these settings aborts its request and its waits then.
    std::shared_ptr<const std::atomic_bool> cancel;

    bool cancelled() const { return cancel && cancel->load(); }
};

} // namespace forgelink

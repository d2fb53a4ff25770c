#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <optional>

namespace forgelink {

// When a forward target gets a row again: 1 s after the first failure, doubling, at most 10
// minutes, with jitter so that rows held by one outage do not all come back at once; a
// Retry-After from the target wins, within bounds: never sooner than a second (`0` would
// resend in a hot loop), never later than an hour (a huge value must neither overflow nor park
// the row until it dies).
class RetryPolicy {
public:
    // `attempts` counts the one that just failed.
    static qint64 delayMs(int attempts, const std::optional<qint64> &retryAfterMs);
    // Retry-After as seconds or an HTTP date; nothing when absent or unreadable.
    static std::optional<qint64> retryAfterMs(const QByteArray &value, qint64 nowMs);

    static constexpr qint64 kFirstMs = 1000;
    static constexpr qint64 kMostMs = 10 * 60 * 1000;
    static constexpr qint64 kMostRetryAfterMs = 60 * 60 * 1000;
};

} // namespace forgelink

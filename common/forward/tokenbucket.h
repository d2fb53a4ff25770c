#pragma once

#include <QtGlobal>

namespace forgelink {

// A target's `maxPerSecond`: tokens come at `ratePerSecond`, up to one second's worth, and each
// request takes one. Times are the caller's clock, in milliseconds.
class TokenBucket {
public:
    explicit TokenBucket(double ratePerSecond = 0);

    bool isLimited() const { return m_rate > 0; }
    // Takes a token when there is one.
    bool take(qint64 nowMs);
    // How long until the next token (0 when there is one now).
    qint64 msUntilNext(qint64 nowMs);

private:
    void refill(qint64 nowMs);

    double m_rate = 0;     // tokens per millisecond
    double m_capacity = 1;
    double m_tokens = 1;
    qint64 m_lastMs = -1;
};

} // namespace forgelink

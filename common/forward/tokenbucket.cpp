#include "forward/tokenbucket.h"

#include <algorithm>
#include <cmath>

namespace forgelink {

TokenBucket::TokenBucket(double ratePerSecond)
    : m_rate(ratePerSecond / 1000.0), m_capacity(std::max(1.0, ratePerSecond)), m_tokens(m_capacity)
{
}

void TokenBucket::refill(qint64 nowMs)
{
    if (m_lastMs >= 0 && nowMs > m_lastMs)
        m_tokens = std::min(m_capacity, m_tokens + double(nowMs - m_lastMs) * m_rate);
    if (nowMs > m_lastMs)
        m_lastMs = nowMs;
}

bool TokenBucket::take(qint64 nowMs)
{
    if (!isLimited())
        return true;
    refill(nowMs);
    if (m_tokens < 1)
        return false;
    m_tokens -= 1;
    return true;
}

qint64 TokenBucket::msUntilNext(qint64 nowMs)
{
    if (!isLimited())
        return 0;
    refill(nowMs);
    if (m_tokens >= 1)
        return 0;
    return qint64(std::ceil((1 - m_tokens) / m_rate));
}

} // namespace forgelink

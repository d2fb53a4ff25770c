#include "forward/retrypolicy.h"

#include <QDateTime>
#include <QLocale>
#include <QRandomGenerator>
#include <QTimeZone>

namespace forgelink {

qint64 RetryPolicy::delayMs(int attempts, const std::optional<qint64> &retryAfterMs)
{
    if (retryAfterMs)
        return std::clamp(*retryAfterMs, kFirstMs, kMostRetryAfterMs);
    const int doublings = std::clamp(attempts - 1, 0, 20);
    const qint64 base = std::min<qint64>(kFirstMs << doublings, kMostMs);
    // 75% to 125% of the base.
    return base * 3 / 4 + qint64(QRandomGenerator::global()->bounded(double(base) / 2));
}

std::optional<qint64> RetryPolicy::retryAfterMs(const QByteArray &value, qint64 nowMs)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok && seconds >= 0)
        return std::min(seconds, kMostRetryAfterMs / 1000) * 1000; // no overflow for huge values
    QDateTime at = QLocale::c().toDateTime(QString::fromLatin1(trimmed), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    at.setTimeZone(QTimeZone::utc());
    if (!at.isValid())
        return std::nullopt;
    return std::clamp<qint64>(at.toMSecsSinceEpoch() - nowMs, 0, kMostRetryAfterMs);
}

} // namespace forgelink

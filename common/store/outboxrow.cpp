#include "store/outboxrow.h"

#include <QDateTime>

namespace forgelink {

QJsonObject OutboxRow::toJson() const
{
    auto time = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs); };
    return QJsonObject{ { QStringLiteral("target"), target },
                        { QStringLiteral("provider"), providerId(provider) },
                        { QStringLiteral("deliveryId"), deliveryId },
                        { QStringLiteral("repo"), repo.isEmpty() ? QJsonValue() : QJsonValue(repo) },
                        { QStringLiteral("state"), state },
                        { QStringLiteral("attempts"), attempts },
                        { QStringLiteral("lastStatus"), lastStatus ? QJsonValue(*lastStatus) : QJsonValue() },
                        { QStringLiteral("lastError"), lastError.isEmpty() ? QJsonValue() : QJsonValue(lastError) },
                        { QStringLiteral("nextAttemptAt"), state == u"pending" ? QJsonValue(time(nextAttemptAtMs)) : QJsonValue() },
                        { QStringLiteral("createdAt"), time(createdAtMs) },
                        { QStringLiteral("lastAttemptAt"), lastAttemptAtMs > 0 ? QJsonValue(time(lastAttemptAtMs)) : QJsonValue() } };
}

} // namespace forgelink

#include "store/redeliverylog.h"

#include <QSqlError>
#include <QSqlQuery>

namespace forgelink {

Result<std::optional<qint64>> RedeliveryLog::lastCheck(Provider provider)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT checked_at FROM recovery_checks WHERE provider = ?"));
    query.addBindValue(providerId(provider));
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot read the last recovery check"), query.lastError()));
    if (!query.next())
        return std::optional<qint64>();
    return std::optional<qint64>(query.value(0).toLongLong());
}

Result<void> RedeliveryLog::setLastCheck(Provider provider, qint64 atMs)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO recovery_checks (provider, checked_at) VALUES (?, ?)"
                                 " ON CONFLICT (provider) DO UPDATE SET checked_at = excluded.checked_at"));
    query.addBindValue(providerId(provider));
    query.addBindValue(atMs);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot record the recovery check"), query.lastError()));
    return {};
}

Result<void> RedeliveryLog::setFailure(Provider provider, const Failure &failure)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO recovery_failures (provider, failed_at, error) VALUES (?, ?, ?)"
                                 " ON CONFLICT (provider) DO UPDATE SET failed_at = excluded.failed_at, error = excluded.error"));
    query.addBindValue(providerId(provider));
    query.addBindValue(failure.failedAtMs);
    query.addBindValue(failure.error.left(500));
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot record the failed recovery check"), query.lastError()));
    return {};
}

Result<void> RedeliveryLog::clearFailure(Provider provider)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("DELETE FROM recovery_failures WHERE provider = ?"));
    query.addBindValue(providerId(provider));
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot clear the failed recovery check"), query.lastError()));
    return {};
}

Result<std::optional<RedeliveryLog::Failure>> RedeliveryLog::failure(Provider provider)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT failed_at, error FROM recovery_failures WHERE provider = ?"));
    query.addBindValue(providerId(provider));
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot read the failed recovery check"), query.lastError()));
    if (!query.next())
        return std::optional<Failure>();
    return std::optional<Failure>(Failure{ query.value(0).toLongLong(), query.value(1).toString() });
}

Result<QHash<QString, RedeliveryLog::Request>> RedeliveryLog::requests(Provider provider, const QStringList &deliveryIds)
{
    QHash<QString, Request> found;
    constexpr qsizetype kChunk = 200;
    for (qsizetype start = 0; start < deliveryIds.size(); start += kChunk) {
        const QStringList chunk = deliveryIds.mid(start, kChunk);
        QStringList marks;
        marks.fill(QStringLiteral("?"), chunk.size());
        QSqlQuery query(db());
        query.prepare(QStringLiteral("SELECT delivery_id, requested_at, requests FROM redelivery_requests WHERE provider = ? AND delivery_id IN (%1)")
                              .arg(marks.join(QLatin1Char(','))));
        query.addBindValue(providerId(provider));
        for (const QString &id : chunk)
            query.addBindValue(id);
        if (!query.exec())
            return fail(m_database.error(QStringLiteral("cannot read the redelivery requests"), query.lastError()));
        while (query.next())
            found.insert(query.value(0).toString(), Request{ query.value(1).toLongLong(), query.value(2).toInt() });
    }
    return found;
}

Result<void> RedeliveryLog::noteRequest(Provider provider, const QString &deliveryId, qint64 atMs)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO redelivery_requests (provider, delivery_id, requested_at, requests) VALUES (?, ?, ?, 1)"
                                 " ON CONFLICT (provider, delivery_id) DO UPDATE SET requested_at = excluded.requested_at,"
                                 " requests = redelivery_requests.requests + 1"));
    query.addBindValue(providerId(provider));
    query.addBindValue(deliveryId);
    query.addBindValue(atMs);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot record a redelivery request"), query.lastError()));
    return {};
}

Result<void> RedeliveryLog::forgetBefore(qint64 atMs)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("DELETE FROM redelivery_requests WHERE requested_at < ?"));
    query.addBindValue(atMs);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot forget old redelivery requests"), query.lastError()));
    return {};
}

} // namespace forgelink

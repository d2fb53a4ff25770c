#include "store/refusallog.h"

#include "store/storedprovider.h"

#include <QSqlError>
#include <QSqlQuery>

namespace forgelink {

namespace {

constexpr qint64 kHourMs = 3600 * 1000;

} // namespace

RefusalLog::RefusalLog(Database &database) : m_database(database) { }

Result<void> RefusalLog::add(const QList<Refusal> &refusals)
{
    if (refusals.isEmpty())
        return {};
    QSqlQuery upsert(db());
    upsert.prepare(QStringLiteral("INSERT INTO refusals (provider, reason, hour, count, last_at, last_delivery_id) VALUES (?, ?, ?, ?, ?, ?)"
                                  " ON CONFLICT (provider, reason, hour) DO UPDATE SET count = refusals.count + excluded.count,"
                                  " last_at = excluded.last_at, last_delivery_id = COALESCE(excluded.last_delivery_id, refusals.last_delivery_id)"));
    qint64 latest = 0;
    for (const Refusal &refusal : refusals) {
        upsert.addBindValue(providerId(refusal.provider));
        upsert.addBindValue(refusal.reason);
        upsert.addBindValue(refusal.lastAtMs / kHourMs * kHourMs);
        upsert.addBindValue(refusal.count);
        upsert.addBindValue(refusal.lastAtMs);
        upsert.addBindValue(Database::nullable(refusal.lastDeliveryId));
        if (!upsert.exec())
            return fail(m_database.error(QStringLiteral("cannot record refusals"), upsert.lastError()));
        latest = std::max(latest, refusal.lastAtMs);
    }
    QSqlQuery prune(db());
    prune.prepare(QStringLiteral("DELETE FROM refusals WHERE hour < ?"));
    prune.addBindValue(latest - kKeptMs);
    if (!prune.exec())
        return fail(m_database.error(QStringLiteral("cannot delete old refusals"), prune.lastError()));
    return {};
}

Result<QList<RefusalLog::Refusal>> RefusalLog::since(qint64 sinceMs)
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    // The latest delivery id of each reason: from its newest hour.
    query.prepare(QStringLiteral("SELECT provider, reason, SUM(count), MAX(last_at),"
                                 " (SELECT r.last_delivery_id FROM refusals r WHERE r.provider = refusals.provider AND r.reason = refusals.reason"
                                 " ORDER BY r.hour DESC LIMIT 1)"
                                 " FROM refusals WHERE last_at >= ? GROUP BY provider, reason ORDER BY SUM(count) DESC, provider, reason"));
    query.addBindValue(sinceMs);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot read refusals"), query.lastError()));
    QList<Refusal> found;
    while (query.next()) {
        const std::optional<Provider> provider = StoredProvider::read(query.value(0), "refusals");
        if (!provider)
            continue;
        found << Refusal{ *provider, query.value(1).toString(), query.value(2).toLongLong(), query.value(3).toLongLong(), query.value(4).toString() };
    }
    return found;
}

} // namespace forgelink

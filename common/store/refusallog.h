#pragma once

#include "core/provider.h"
#include "core/result.h"
#include "store/database.h"

#include <QList>
#include <QString>

namespace forgelink {

// Deliveries the agent refused as unauthorized (401), counted per provider, reason and hour, so
// that `status` can say "refused in the last 24 hours, and why" (the most common
// misconfiguration is a secret that does not match). Written a few seconds at a time from the
// agent's tally, never a row per request: a flood costs one upsert per reason.
class RefusalLog {
public:
    struct Refusal {
        Provider provider = Provider::GitHub;
        QString reason;       // "X-Hub-Signature-256 does not match ..."
        qint64 count = 0;
        qint64 lastAtMs = 0;
        QString lastDeliveryId; // the latest one's, when its headers named one
    };
    // Rows older than this go when new ones are written.
    static constexpr qint64 kKeptMs = 48LL * 3600 * 1000;

    explicit RefusalLog(Database &database);

    Result<void> add(const QList<Refusal> &refusals);
    // Per provider and reason since a moment, the most frequent first.
    Result<QList<Refusal>> since(qint64 sinceMs);

private:
    QSqlDatabase &db() { return m_database.connection(); }

    Database &m_database;
};

} // namespace forgelink

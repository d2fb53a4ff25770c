#pragma once

#include "core/provider.h"
#include "core/result.h"
#include "store/database.h"

#include <QHash>
#include <QStringList>

#include <optional>

namespace forgelink {

// What gap recovery remembers between checks: when each provider was last checked (the next check
// looks back to it), and which deliveries it asked the provider to send again, when and how often
// (a request still in flight is not repeated; one that keeps failing is given up).
class RedeliveryLog {
public:
    explicit RedeliveryLog(Database &database) : m_database(database) { }

    struct Request {
        qint64 requestedAtMs = 0;
        int count = 0;
    };

    Result<std::optional<qint64>> lastCheck(Provider provider);
    Result<void> setLastCheck(Provider provider, qint64 atMs);
    // The last check that failed, kept until one succeeds: `status` names it.
    struct Failure {
        qint64 failedAtMs = 0;
        QString error;
    };
    Result<void> setFailure(Provider provider, const Failure &failure);
    Result<void> clearFailure(Provider provider);
    Result<std::optional<Failure>> failure(Provider provider);
    // The requests made for these delivery ids, by id.
    Result<QHash<QString, Request>> requests(Provider provider, const QStringList &deliveryIds);
    Result<void> noteRequest(Provider provider, const QString &deliveryId, qint64 atMs);
    // Requests older than the provider keeps deliveries are of no more use.
    Result<void> forgetBefore(qint64 atMs);

private:
    QSqlDatabase &db() { return m_database.connection(); }

    Database &m_database;
};

} // namespace forgelink

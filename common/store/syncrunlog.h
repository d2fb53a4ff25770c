#pragma once

#include "store/repositorytable.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>

#include "core/result.h"
#include "store/database.h"

namespace forgelink {

// Every sync run per provider: when, how it ended, what it changed, how many API calls it made.
class SyncRunLog {
public:
    explicit SyncRunLog(Database &database) : m_database(database) { }

    struct SyncRun {
        qint64 id = 0;
        Provider provider = Provider::GitHub;
        QDateTime startedAt;
        QDateTime finishedAt;
        QString outcome; // running, succeeded, failed
        RepositoryTable::SyncCounts counts;
        int apiCalls = 0;
        QString error;
    };

    Result<qint64> start(Provider provider);
    Result<void> finish(qint64 id, bool succeeded, const RepositoryTable::SyncCounts &counts, int apiCalls, const QString &error);
    // The newest run per provider.
    Result<QList<SyncRun>> latest();
    // When each provider's newest successful run finished (UTC).
    Result<QHash<Provider, QDateTime>> lastSucceeded();

private:
    QSqlDatabase &db() { return m_database.connection(); }

    Database &m_database;
};

} // namespace forgelink

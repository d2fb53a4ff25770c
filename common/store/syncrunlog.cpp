#include "store/syncrunlog.h"

#include "store/storedprovider.h"

#include <QSqlError>
#include <QSqlQuery>

namespace forgelink {

Result<qint64> SyncRunLog::start(Provider provider)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO sync_runs (provider, started_at, outcome) VALUES (?, ?, 'running')"));
    query.addBindValue(providerId(provider));
    query.addBindValue(Database::now());
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot record the sync run"), query.lastError()));
    if (m_database.isPostgres()) {
        QSqlQuery id(db());
        if (!id.exec(QStringLiteral("SELECT lastval()")) || !id.next())
            return fail(m_database.error(QStringLiteral("cannot read the sync run id"), id.lastError()));
        return id.value(0).toLongLong();
    }
    return query.lastInsertId().toLongLong();
}

Result<void> SyncRunLog::finish(qint64 id, bool succeeded, const RepositoryTable::SyncCounts &counts, int apiCalls, const QString &error)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("UPDATE sync_runs SET finished_at = ?, outcome = ?, added = ?, updated = ?, removed = ?,"
                                 " unchanged = ?, api_calls = ?, error = ? WHERE id = ?"));
    query.addBindValue(Database::now());
    query.addBindValue(succeeded ? QStringLiteral("succeeded") : QStringLiteral("failed"));
    query.addBindValue(counts.added);
    query.addBindValue(counts.updated);
    query.addBindValue(counts.removed);
    query.addBindValue(counts.unchanged);
    query.addBindValue(apiCalls);
    query.addBindValue(Database::nullable(error));
    query.addBindValue(id);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot record the sync run"), query.lastError()));
    return {};
}

Result<QList<SyncRunLog::SyncRun>> SyncRunLog::latest()
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, provider, started_at, finished_at, outcome, added, updated, removed, unchanged,"
                                   " api_calls, error FROM sync_runs WHERE id IN (SELECT MAX(id) FROM sync_runs GROUP BY provider)"
                                   " ORDER BY provider")))
        return fail(m_database.error(QStringLiteral("cannot read sync runs"), query.lastError()));
    QList<SyncRun> runs;
    while (query.next()) {
        const std::optional<Provider> provider = StoredProvider::read(query.value(1), "sync_runs");
        if (!provider)
            continue;
        SyncRun run;
        run.id = query.value(0).toLongLong();
        run.provider = *provider;
        run.startedAt = QDateTime::fromString(query.value(2).toString(), Qt::ISODateWithMs);
        run.finishedAt = QDateTime::fromString(query.value(3).toString(), Qt::ISODateWithMs);
        run.outcome = query.value(4).toString();
        run.counts = { query.value(5).toInt(), query.value(6).toInt(), query.value(7).toInt(), query.value(8).toInt() };
        run.apiCalls = query.value(9).toInt();
        run.error = query.value(10).toString();
        runs << run;
    }
    return runs;
}

Result<QHash<Provider, QDateTime>> SyncRunLog::lastSucceeded()
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT provider, MAX(finished_at) FROM sync_runs WHERE outcome = 'succeeded' GROUP BY provider")))
        return fail(m_database.error(QStringLiteral("cannot read sync runs"), query.lastError()));
    QHash<Provider, QDateTime> finished;
    while (query.next()) {
        const auto provider = StoredProvider::read(query.value(0), "sync_runs");
        const QDateTime at = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
        if (provider && at.isValid())
            finished.insert(*provider, at.toUTC());
    }
    return finished;
}

} // namespace forgelink

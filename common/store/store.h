#pragma once

#include "config/agentconfig.h"
#include "webhooks/delivery.h"
#include "hooks/hookrecord.h"
#include "providers/repository.h"
#include "providers/repositorycache.h"
#include "result.h"

#include <QSqlDatabase>
#include <QHash>
#include <QSet>
#include <QSqlQuery>

#include <memory>
#include <optional>

namespace forgelink {

class SqliteStatement;

// The agent's database on QtSql: SQLite (WAL, a synced commit) by default, PostgreSQL for several
// replicas. One Store is one connection and belongs to the thread that opened it.
class Store {
public:
    enum class Recorded { New, Duplicate };

    // Opens the database and brings its schema up to date. `connectionName` must be unique per
    // thread.
    static Result<std::unique_ptr<Store>> open(const DatabaseSettings &settings, const QString &connectionName);
    ~Store();

    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    int schemaVersion() const;
    bool isPostgres() const { return m_postgres; }

    // Records the deliveries in one transaction (a group commit). A delivery whose provider and
    // delivery id are already stored is left as it was and reported as a duplicate. On error
    // nothing is recorded.
    Result<QList<Recorded>> recordDeliveries(const QList<Delivery> &deliveries);

    // Newest first.
    Result<QList<Delivery>> recentDeliveries(std::optional<Provider> provider, int limit);
    Result<qint64> deliveryCount(std::optional<Provider> provider = std::nullopt);

    // --- The repository cache ---
    struct SyncCounts {
        int added = 0;
        int updated = 0;
        int removed = 0;
        int unchanged = 0;
        int rowsWritten() const { return added + updated + removed; }
    };
    struct SyncRun {
        qint64 id = 0;
        Provider provider = Provider::GitHub;
        QDateTime startedAt;
        QDateTime finishedAt;
        QString outcome; // running, succeeded, failed
        SyncCounts counts;
        int apiCalls = 0;
        QString error;
    };

    Result<QList<Repository>> repositories(std::optional<Provider> provider = std::nullopt);
    // What a listing of `provider` may reuse (repositories and page ETags).
    Result<RepositoryCache> repositoryCache(Provider provider);
    // Replaces the provider's cached repositories with a complete listing, in one transaction:
    // new ones are added, changed ones updated in place (by provider id), missing ones removed.
    // Rows that did not change are not written.
    Result<SyncCounts> applyListing(Provider provider, const RepositoryListing &listing);
    Result<bool> hasRepository(Provider provider, const QString &id);
    // Changes between syncs, from webhook events.
    Result<void> upsertRepository(const Repository &repository);
    Result<int> removeRepository(Provider provider, const QString &id);
    Result<int> removeRepositoryByPath(Provider provider, const QString &fullPath);

    Result<qint64> startSyncRun(Provider provider);
    Result<void> finishSyncRun(qint64 id, bool succeeded, const SyncCounts &counts, int apiCalls, const QString &error);
    // The newest run per provider.
    Result<QList<SyncRun>> latestSyncRuns();

    // A lease in the database (not in memory), so agents on one database coordinate: true when
    // `holder` has it now. It lapses after `ttlSeconds` if the holder dies.
    Result<bool> tryLock(const QString &name, const QString &holder, int ttlSeconds);
    Result<void> unlock(const QString &name, const QString &holder);
    // "host:pid": how this process names itself as a lock holder.
    static QString thisProcess();

    // --- Hooks forgelink created ---
    Result<void> recordHook(const HookRecord &hook);
    Result<QList<HookRecord>> hooks(std::optional<Provider> provider = std::nullopt, const QString &repoId = QString());
    Result<void> removeHookRecord(Provider provider, const QString &repoId, const QString &kind);
    // A cached repository by the provider's id or its full path.
    Result<std::optional<Repository>> findRepository(Provider provider, const QString &idOrPath);

    // --- Webhook secrets set by a rotation; they override the config's ---
    Result<void> setWebhookSecrets(Provider provider, const QList<QByteArray> &secrets);
    Result<QHash<Provider, QList<QByteArray>>> webhookSecrets();

    // A round trip to the database: is it there and answering?
    Result<void> ping();
    // A small committed write: can the database take one now (a full disk cannot)?
    Result<void> writeProbe();
    // Closes and opens the connection again, after the database went away.
    Result<void> reconnect();

    QSqlDatabase database() const { return m_db; }

private:
    Store() = default;
    Result<void> configure();
    Result<void> migrate();
    Result<void> exec(const QString &sql);
    Result<void> writeRepository(const Repository &repository, bool exists, const QString &now);
    Result<QList<Recorded>> recordDeliveriesInBulk(const QList<Delivery> &deliveries);
    QString error(const QString &what, const QSqlError &error) const;

    QSqlDatabase m_db;
    QString m_connectionName;
    bool m_postgres = false;
    int m_schemaVersion = 0;
    std::unique_ptr<SqliteStatement> m_insertDelivery; // SQLite only
    QSet<QString> m_heldLocks; // PostgreSQL session locks this connection holds
};

} // namespace forgelink

#pragma once

#include "core/result.h"
#include "store/attemptlog.h"
#include "store/database.h"
#include "store/outboxqueue.h"
#include "store/outboxrow.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <memory>
#include <optional>

namespace forgelink {

class SqliteStatement;

// The transactional outbox: one row per delivery and forward target, written in the same
// transaction as the delivery (DeliveryLedger), pending until the target accepts it. Several
// agents on PostgreSQL share it: a row is claimed with FOR UPDATE SKIP LOCKED and a lease that a
// crashed agent loses. One repository's rows go to a target in the order they were recorded.
class OutboxTable {
public:
    explicit OutboxTable(Database &database);
    ~OutboxTable();

    struct Entry {
        Provider provider;
        QString deliveryId;
        QString repo;
        QStringList targets;
    };
    // Inside the caller's transaction.
    Result<void> enqueue(const QList<Entry> &entries, qint64 nowMs);

    // The rows of `target` that may be sent now, as runs: for up to `repositories` repositories
    // the oldest pending row (the head, due, not leased by another agent, not in `held`: the rows
    // this agent sends already) and up to `rowsPerRepository - 1` rows behind it that may go too,
    // in order. PostgreSQL: the rows are leased to `owner` for `leaseMs`.
    Result<QList<QList<OutboxWork>>> claim(const QString &target, int repositories, int rowsPerRepository, const QSet<qint64> &held,
                                           const QString &owner, qint64 leaseMs, qint64 nowMs);
    // After a claim: when the earliest head it left waiting falls due (or its lease lapses).
    std::optional<qint64> nextDueMs() const { return m_nextDueMs; }
    // How many repositories (in name order) one claim looks at; the next claim goes on after
    // them, and starts over once it reached the last.
    void setRepositoriesPerClaim(int count) { m_repositoriesPerClaim = count; }
    // PostgreSQL: extends this agent's lease on rows it still holds, so that a short lease is
    // enough while it works and a crashed agent's rows are taken over soon. How many rows.
    Result<int> renewLeases(const QSet<qint64> &held, const QString &owner, qint64 leaseUntilMs);

    struct Completion {
        enum class Decision { Delivered, Retry, Dead };
        qint64 id = 0;
        Decision decision = Decision::Retry;
        std::optional<int> status;
        QString error;
        qint64 nextAttemptAtMs = 0;
        int progress = 0;
        // The attempt this answer ends (kept in the attempt log); 0 when the row ended without
        // one (no event of it matches any more).
        qint64 attemptedAtMs = 0;
        int durationMs = 0;
        QString answer; // the first KiB of the answer's body
        // The row's created_at when it was claimed: a row put back meanwhile (`redeliver` sets a
        // new one) keeps its new state and goes again. 0: no such check.
        qint64 claimedCreatedAtMs = 0;
    };
    // What the sender decided of a row it claimed, before it is recorded (by complete() or the
    // writer): SQLite's claims leave a delivered or dead row out from now on, and a retried one
    // until it is due. Should the record fail, the row is found again when the claims next read
    // every pending row.
    void concluded(const QString &target, const QString &repo, const Completion &completion);
    // One transaction for all of them.
    Result<void> complete(const QList<Completion> &completions, qint64 nowMs);
    // The same inside the caller's transaction (the delivery writer's group commit).
    Result<void> applyAnswers(const QList<Completion> &completions, qint64 nowMs);

    // Newest first.
    Result<QList<OutboxRow>> list(const QString &target, const QString &state, int limit);

    struct TargetCounts {
        qint64 pending = 0;
        qint64 dead = 0;
        qint64 oldestPendingAgeMs = 0;
    };
    Result<QHash<QString, TargetCounts>> counts(qint64 nowMs);
    // The target's pending rows waiting out a backoff may go now (its circuit breaker closed).
    Result<int> releaseBackoff(const QString &target, qint64 nowMs);
    // Per target: when a row was last delivered (Unix ms).
    Result<QHash<QString, qint64>> lastDelivered();

    // Back to pending, as new (maxAgeHours counts from now): the rows of one delivery, every dead
    // row, or the rows of deliveries received since a moment. How many rows changed.
    Result<int> requeueDelivery(const QString &target, Provider provider, const QString &deliveryId, qint64 nowMs);
    Result<int> requeueDead(const QString &target, qint64 nowMs);
    Result<int> requeueSince(const QString &target, const QString &receivedSince, qint64 nowMs);
    // Deliveries without a row for `target` (a target added later), received since a moment, in
    // recorded order after `afterRowId` (the ledger's row id), at most `limit`.
    struct Unrouted {
        qint64 rowId = 0;
        Delivery delivery;
    };
    Result<QList<Unrouted>> unrouted(const QString &target, const QString &receivedSince, qint64 afterRowId, int limit);

    // Retention: deliveries received before `receivedBefore` with no pending row are deleted with
    // their rows, at most `limit` at a time. How many deliveries went.
    Result<int> prune(const QString &receivedBefore, int limit);

    void forgetStatements();

    // Every attempt of the outbox's rows.
    AttemptLog &attempts() { return m_attempts; }
    // The rows of one delivery, one per target.
    Result<QList<OutboxRow>> forDelivery(Provider provider, const QString &deliveryId);

private:
    QSqlDatabase &db() { return m_database.connection(); }
    Result<void> enqueueWithSqlite(const QList<Entry> &entries, qint64 nowMs);
    // SQLite (one agent per file): the heads come from the target's OutboxQueue.
    Result<QList<QList<OutboxWork>>> claimWithSqlite(const QString &target, int repositories, int rowsPerRepository,
                                                     const QSet<qint64> &held, qint64 nowMs);
    Result<void> readQueue(const QString &target, OutboxQueue &queue, qint64 nowMs);
    // What the database says of rows the sender's queue holds: a missing row is not pending.
    struct RowState {
        bool pending = false;
        qint64 nextAttemptAtMs = 0;
        bool knownProvider = false;
    };
    Result<QHash<qint64, RowState>> rowStates(const QStringList &ids);
    // A head the claim left waiting falls due then (nextDueMs() is the earliest).
    void noteWaitingUntil(qint64 dueMs)
    {
        if (!m_nextDueMs || dueMs < *m_nextDueMs)
            m_nextDueMs = dueMs;
    }
    // The rows of each run, whole and with their delivery, in the runs' order; a run whose rows
    // are all gone is left out.
    Result<QList<QList<OutboxWork>>> readRuns(const QList<QList<qint64>> &runIds);

    Database &m_database;
    AttemptLog m_attempts;
    std::unique_ptr<SqliteStatement> m_insert; // SQLite only
    std::optional<qint64> m_nextDueMs;
    int m_repositoriesPerClaim = 4096;
    QHash<QString, QString> m_scanFrom; // per target: the last repository the previous claim looked at
    QHash<QString, OutboxQueue> m_queues; // SQLite: per target
};

} // namespace forgelink

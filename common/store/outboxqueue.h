#pragma once

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace forgelink {

// SQLite: one target's pending outbox rows as its sender knows them, per repository in id order.
// A claim finds each repository's head here instead of in an index ordered by repository, which
// the writer would have to update at a place per repository in every group commit. The database
// stays the record: the sender reads the rows added since it last looked at every claim, reads
// them all again now and then (rows `redeliver` put back, from another process), and checks the
// rows it chose by id before it sends them.
class OutboxQueue {
public:
    struct Pending {
        qint64 id = 0;
        qint64 nextAttemptAtMs = 0;
    };

    // Whether the next claim reads every pending row again: the first one, and then after a pause
    // that keeps reading them to a tenth of the sender's time however long the backlog.
    bool wantsFullRead(qint64 nowMs) const { return !m_fullReadAtMs || nowMs >= *m_fullReadAtMs; }
    void beginFullRead();
    void endFullRead(qint64 nowMs, qint64 tookMs);
    // Rows in id order, as read.
    void add(const QString &repo, const Pending &row);
    qint64 lastSeenId() const { return m_lastSeenId; }
    // A row that is no longer pending.
    void remove(const QString &repo, qint64 id);
    void setNextAttempt(const QString &repo, qint64 id, qint64 nextAttemptAtMs);
    // Every row put off past `nowMs` may go now (the target's circuit breaker closed).
    void releaseBackoff(qint64 nowMs);
    // Everything is read again at the next claim (a new connection).
    void clear();

    const QMap<QString, QList<Pending>> &repositories() const { return m_repositories; }

private:
    QMap<QString, QList<Pending>> m_repositories;
    qint64 m_lastSeenId = 0;
    std::optional<qint64> m_fullReadAtMs;
};

} // namespace forgelink

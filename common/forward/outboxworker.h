#pragma once

#include "config/agentconfig.h"
#include "forward/forwardtarget.h"
#include "store/outboxtable.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace forgelink {

class Store;

// Sends the outbox's rows, on the sender's thread: claims due rows per target (the oldest pending
// one of each repository), keeps up to `parallel` requests in flight per target over keep-alive
// connections, and records the answers in small group commits: a 2xx is delivered, 410 dead,
// anything else retried with backoff until the target's maxAgeHours. When nothing is due it
// sleeps until the next row falls due or new rows are committed (wake()).
class OutboxWorker : public QObject {
    Q_OBJECT

public:
    OutboxWorker(DatabaseSettings database, QList<ForwardTarget> targets, RetentionSettings retention, QString owner);
    ~OutboxWorker() override;

    Result<void> open();
    // New rows were committed: look for work now.
    void wake();
    // Records what was answered; what is in flight stays pending (it is sent again later).
    void finish();

Q_SIGNALS:
    void attempted(const QString &target, const QString &result); // delivered, retry, dead
    void counted(const QHash<QString, forgelink::OutboxTable::TargetCounts> &counts);

private:
    struct TargetState {
        QList<OutboxWork> queue;
        int inFlight = 0;
        std::optional<qint64> nextDueMs; // the earliest head the last claim left waiting
    };

    void pump();
    void refill(const ForwardTarget &target, TargetState &state);
    void sendQueued(const ForwardTarget &target, TargetState &state);
    void send(const ForwardTarget &target, OutboxWork work);
    void answered(const ForwardTarget &target, OutboxWork work, QNetworkReply *reply, int eventPosition);
    void conclude(const ForwardTarget &target, const OutboxWork &work, OutboxTable::Completion completion, const QString &result);
    void flush();
    void armDueTimer();
    void count();
    void prune();

    DatabaseSettings m_settings;
    QList<ForwardTarget> m_targets;
    RetentionSettings m_retention;
    QString m_owner;
    std::unique_ptr<Store> m_store;
    QNetworkAccessManager *m_network = nullptr;
    QHash<QString, TargetState> m_states;
    QSet<qint64> m_held; // queued, in flight, or answered and not yet recorded
    QList<OutboxTable::Completion> m_completions;
    // Children, so that they move to the sender's thread with the worker.
    QTimer m_pumpSoon{ this };
    QTimer m_flushSoon{ this };
    QTimer m_due{ this };
    QTimer m_countTimer{ this };
    QTimer m_retentionTimer{ this };
    bool m_storeFailing = false;
    bool m_finished = false;
};

} // namespace forgelink

#pragma once

#include "forward/forwardtarget.h"
#include "forward/tokenbucket.h"
#include "http/httpclientmessage.h"
#include "store/databasesettings.h"
#include "store/outboxtable.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>
#include <mutex>

namespace forgelink {

class HttpClient;
class Store;
struct ForwardRequest;

// Sends the outbox's rows, on the sender's thread: claims due rows per target as runs (the oldest
// pending rows of a repository, sent one after another), keeps up to `parallel` runs sending per
// target over keep-alive connections, and records the answers in small group commits: a 2xx is delivered, 410 dead,
// anything else retried with backoff until the target's maxAgeHours. When nothing is due it
// sleeps until the next row falls due or new rows are committed (wake()).
class OutboxWorker : public QObject {
    Q_OBJECT

public:
    OutboxWorker(DatabaseSettings database, QList<ForwardTarget> targets, RetentionSettings retention, QString owner);
    ~OutboxWorker() override;

    // Hands the answers to whoever writes (SQLite's single writer) instead of committing them on
    // this connection; `recorded` may be called on any thread. Before open().
    using AnswersRecorded = std::function<void(const Result<void> &)>;
    using AnswerRecorder = std::function<void(QList<OutboxTable::Completion> answers, AnswersRecorded recorded)>;
    void setAnswerRecorder(AnswerRecorder recorder);

    Result<void> open();
    // New rows were committed: look for work now.
    void wake();
    // Records what was answered; what is in flight stays pending (it is sent again later).
    void finish();

Q_SIGNALS:
    // `count` attempts to `target` ended so (delivered, retry, dead): told with each flush, not
    // one signal per answer, for the receiver's thread is the one that counts them.
    void attempted(const QString &target, const QString &result, int count);
    void counted(const QHash<QString, forgelink::OutboxTable::TargetCounts> &counts);
    // The targets paused in the database, read every few seconds (`forward pause`).
    void pausesRead(const QStringList &paused);

private:
    // One repository's rows, oldest first: one request at a time, so they arrive in order.
    using Run = QList<OutboxWork>;
    struct TargetState {
        QList<Run> runs; // claimed, waiting for a sender
        int sending = 0; // runs being sent, at most `parallel`
        std::optional<qint64> nextDueMs; // the earliest head the last claim left waiting
        TokenBucket rate;                // maxPerSecond
        int failuresInARow = 0;          // the circuit breaker opens at circuitBreakAfter
        int probes = 0;                  // while open: failed probes so far
        qint64 probeAtMs = 0;            // while open: when the next probe may go
        bool probing = false;            // while open: the probe is in flight
    };

    void pump();
    void refill(const ForwardTarget &target, TargetState &state);
    void startQueued(const ForwardTarget &target, TargetState &state);
    // `gatePassed`: its first request already took its turn at the gate (startQueued).
    void sendNext(const ForwardTarget &target, Run run, bool gatePassed = false);
    void armGate(qint64 waitMs);
    void post(const ForwardTarget &target, Run run, const ForwardRequest &request, int eventPosition);
    void answered(const ForwardTarget &target, Run run, const IncomingAnswer &answer, qint64 sentAtMs, int eventPosition);
    void conclude(const ForwardTarget &target, const QString &repo, OutboxTable::Completion completion, const QString &result);
    void flush();
    void answersRecorded(const QList<qint64> &ids, const Result<void> &recorded);
    void armDueTimer();
    void count();
    void prune();
    void renewLeases();
    void readPauses();
    bool isPaused(const ForwardTarget &target) const { return m_paused.contains(target.name); }
    static bool isBroken(const ForwardTarget &target, const TargetState &state);
    // 0 when a request to the target may go now (its rate and its circuit breaker allow it),
    // otherwise how long until one may; a request that may go takes its token.
    qint64 gate(const ForwardTarget &target, TargetState &state);
    // Counts failures in a row for the circuit breaker; an answer that accepts closes it.
    void noteAnswer(const ForwardTarget &target, bool accepted, std::optional<qint64> retryAfterMs);

    DatabaseSettings m_settings;
    QList<ForwardTarget> m_targets;
    RetentionSettings m_retention;
    QString m_owner;
    std::unique_ptr<Store> m_store;
    QHash<QString, HttpClient *> m_clients; // by target
    QHash<QString, TargetState> m_states;
    QSet<qint64> m_held; // queued, in flight, or answered and not yet recorded
    QList<OutboxTable::Completion> m_completions;
    QHash<std::pair<QString, QString>, int> m_attemptTally; // (target, result): since the last flush
    AnswerRecorder m_recordAnswers;
    // Lets the recorder's callback reach this worker from another thread, or find it gone.
    struct Mailbox {
        std::mutex mutex;
        OutboxWorker *worker = nullptr;
    };
    std::shared_ptr<Mailbox> m_mailbox = std::make_shared<Mailbox>();
    // Children, so that they move to the sender's thread with the worker.
    QTimer m_pumpSoon{ this };
    QTimer m_flushSoon{ this };
    QTimer m_due{ this };
    QTimer m_countTimer{ this };
    QTimer m_retentionTimer{ this };
    QTimer m_renewTimer{ this };
    QTimer m_pauseTimer{ this };
    QTimer m_gateTimer{ this }; // a target's rate or circuit breaker lets the next request go
    QHash<QString, QString> m_paused; // target -> reason; read from the database
    bool m_storeFailing = false;
    bool m_finished = false;
};

} // namespace forgelink

#pragma once

#include "core/result.h"
#include "forward/forwardrouter.h"
#include "settings/agentconfig.h"
#include "store/store.h"
#include "webhooks/delivery.h"

#include <QObject>

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

namespace forgelink {

class WalCheckpointer;

// Commits deliveries on a thread of its own, with its own database connection. Deliveries that
// arrive while a commit is running are committed together in the next transaction (a group
// commit), so throughput does not stop at one disk sync per delivery. Every callback runs on the
// thread that owns the writer, after the transaction is durable or has failed.
class DeliveryWriter : public QObject {
    Q_OBJECT

public:
    enum class Recorded { New, Duplicate, Failed };
    using Callback = std::function<void(Recorded, const QString &error)>;
    using ProbeCallback = std::function<void(const Result<void> &)>;

    explicit DeliveryWriter(DatabaseSettings settings, QObject *parent = nullptr);
    // Before start(): the forward targets new deliveries go to (their outbox rows are written in
    // the same transaction), and what to call, on the writer's thread, once rows were committed.
    void setForwarding(ForwardRouter router, std::function<void()> enqueued);
    ~DeliveryWriter() override;

    // Opens the database (and migrates it) on the writer thread; fails when it cannot.
    Result<void> start();
    // Finishes what is queued, then stops the thread.
    void stop();

    void submit(Delivery delivery, Callback callback);
    // A round trip to the database through the writer (for /readyz).
    void probe(ProbeCallback callback);
    // Runs `work` on the writer's thread with its connection; `work` posts its own results back.
    void withStore(std::function<void(Store &)> work);
    // Records the outbox sender's answers in the next group commit: on SQLite the writer is the
    // only connection that writes, so the sender never makes a commit wait for the lock.
    // `done` runs on the writer's thread once they are committed or have failed.
    using AnswersCallback = std::function<void(const Result<void> &)>;
    void recordAnswers(QList<OutboxTable::Completion> answers, AnswersCallback done);

Q_SIGNALS:
    void batchCommitted(int deliveries, double seconds, bool ok);

private:
    struct Job {
        std::optional<Delivery> delivery;
        Callback callback;
        ProbeCallback probe;
        std::function<void(Store &)> work;
        QList<OutboxTable::Completion> answers;
        AnswersCallback answered;
    };
    void run(std::promise<Result<void>> *opened);
    bool checkpointsAside() const;
    static void updateRepositoryCache(Store &store, const QList<Delivery> &deliveries, const QList<Store::Recorded> &recorded);

    DatabaseSettings m_settings;
    std::optional<ForwardRouter> m_router;
    std::function<void()> m_enqueued;
    std::thread m_thread;
    std::unique_ptr<WalCheckpointer> m_checkpointer; // SQLite
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_queue;
    bool m_stop = false;
    int m_maxBatch = 512;
};

} // namespace forgelink

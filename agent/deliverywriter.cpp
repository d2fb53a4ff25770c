#include "deliverywriter.h"

#include "log/logthrottle.h"
#include "sync/repositoryeventapplier.h"
#include "store/store.h"
#include "store/walcheckpointer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMetaObject>

Q_LOGGING_CATEGORY(lcStore, "forgelink.agent.store", QtInfoMsg)

namespace forgelink {

namespace {
// SQLite with forward targets: the checkpointer copies the WAL every 100 ms; the writer itself only
// past this many pages (64 MiB), should the checkpointer fall behind.
constexpr int kBackstopCheckpointPages = 4000;
// Ready means a delivery can be committed now. A failed commit is believed for this long: a
// probe's small write may go through where a delivery does not (a nearly full disk). After it,
// with no delivery to tell, the probe's write decides.
constexpr qint64 kFailedCommitsBelievedMs = 60'000;
} // namespace

DeliveryWriter::DeliveryWriter(DatabaseSettings settings, QObject *parent)
    : QObject(parent), m_settings(std::move(settings))
{
}

DeliveryWriter::~DeliveryWriter()
{
    stop();
}

Result<void> DeliveryWriter::start()
{
    std::promise<Result<void>> opened;
    std::future<Result<void>> result = opened.get_future();
    m_stop = false;
    m_thread = std::thread([this, &opened] { run(&opened); });
    Result<void> outcome = result.get();
    if (!outcome) {
        m_thread.join();
        return outcome;
    }
    if (checkpointsAside()) {
        m_checkpointer = std::make_unique<WalCheckpointer>(m_settings);
        if (Result<void> checkpointing = m_checkpointer->start(); !checkpointing) {
            stop();
            return fail(QStringLiteral("cannot start the checkpointer: %1").arg(checkpointing.error()));
        }
    }
    return {};
}

void DeliveryWriter::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    if (m_checkpointer)
        m_checkpointer->stop();
}

// With forward targets a group commit rewrites the same outbox pages commit after commit (the
// heads index while rows wait, the answers): copied into the database once per 100 ms on another
// thread instead of at nearly every commit, ingest with a target rises by a fifth to a third
// (bench/forward-throughput.sh), at the cost of a checkpoint's fsync now and then beside the group
// commits (p99 up by about 10 ms). Without targets the writer's own short checkpoints keep p99
// lowest (7-8 ms against 17-27 ms in bench/webhook-throughput.sh) at the same throughput.
bool DeliveryWriter::checkpointsAside() const
{
    return m_settings.driver == u"QSQLITE" && m_router.has_value();
}

void DeliveryWriter::setForwarding(ForwardRouter router, std::function<void()> enqueued)
{
    m_router = std::move(router);
    m_enqueued = std::move(enqueued);
}

void DeliveryWriter::submit(Delivery delivery, Callback callback)
{
    std::unique_lock lock(m_mutex);
    if (m_stop) {
        lock.unlock();
        callback(Recorded::Failed, QStringLiteral("the agent is stopping"));
        return;
    }
    // The writer waits only on an empty queue: while it commits, deliveries join the queue
    // without a wake-up (a system call) each.
    const bool wasEmpty = m_queue.empty();
    m_queue.push_back(Job{ std::move(delivery), std::move(callback), {}, {}, {}, {} });
    lock.unlock();
    if (wasEmpty)
        m_wake.notify_one();
}

void DeliveryWriter::probe(ProbeCallback callback)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_stop) {
            m_queue.push_back(Job{ std::nullopt, {}, std::move(callback), {}, {}, {} });
            m_wake.notify_one();
            return;
        }
    }
    callback(fail(QStringLiteral("the agent is stopping")));
}

// Events that add, rename or remove repositories keep the cache current between syncs. The
// delivery is already committed; a failure here only delays the change until the next sync.
void DeliveryWriter::updateRepositoryCache(Store &store, const QList<Delivery> &deliveries,
                                           const QList<Store::Recorded> &recorded)
{
    for (qsizetype i = 0; i < deliveries.size(); ++i) {
        if (recorded.at(i) != Store::Recorded::New)
            continue;
        const QList<RepositoryChange> changes = RepositoryEventApplier::changesFor(deliveries.at(i));
        if (changes.isEmpty())
            continue;
        const Result<int> applied = RepositoryEventApplier::apply(store, changes);
        if (!applied)
            qCWarning(lcStore).noquote() << "repository cache not updated from" << deliveries.at(i).event << ":" << applied.error();
        else
            qCInfo(lcStore).noquote() << "repository cache:" << applied.value() << "changes from" << providerId(deliveries.at(i).provider)
                                      << deliveries.at(i).event;
    }
}

void DeliveryWriter::withStore(std::function<void(Store &)> work)
{
    std::lock_guard lock(m_mutex);
    if (m_stop)
        return;
    m_queue.push_back(Job{ std::nullopt, {}, {}, std::move(work), {}, {} });
    m_wake.notify_one();
}

void DeliveryWriter::recordAnswers(QList<OutboxTable::Completion> answers, AnswersCallback done)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_stop) {
            const bool wasEmpty = m_queue.empty();
            m_queue.push_back(Job{ std::nullopt, {}, {}, {}, std::move(answers), std::move(done) });
            if (wasEmpty)
                m_wake.notify_one();
            return;
        }
    }
    done(fail(QStringLiteral("the agent is stopping")));
}

void DeliveryWriter::run(std::promise<Result<void>> *opened)
{
    Result<std::unique_ptr<Store>> store = Store::open(m_settings, QStringLiteral("forgelink-writer"));
    if (!store) {
        opened->set_value(fail(store.error()));
        return;
    }
    if (checkpointsAside()) {
        // Group commits do not checkpoint (WalCheckpointer does, on its own thread) unless the WAL
        // grew far.
        if (Result<void> backstop = (*store)->database().exec(QStringLiteral("PRAGMA wal_autocheckpoint=%1").arg(kBackstopCheckpointPages)); !backstop) {
            opened->set_value(backstop);
            return;
        }
    }
    opened->set_value({});
    bool needsReconnect = false;
    // While commits fail (a full disk), /readyz says so, until a write goes through again.
    QString failingCommits;
    QElapsedTimer lastFailedCommit;
    LogThrottle reconnectLog; // a database that keeps failing is not a line per batch

    for (;;) {
        std::vector<Job> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_queue.empty() && m_stop)
                break;
            while (!m_queue.empty() && int(batch.size()) < m_maxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        if (needsReconnect) {
            if (Result<void> again = (*store)->reconnect(); again) {
                if (const auto heldBack = reconnectLog.admit())
                    qCInfo(lcStore).noquote() << "reconnected to the database"
                                              << (*heldBack ? QStringLiteral("(%1 times since the last such line)").arg(*heldBack + 1) : QString());
                needsReconnect = false;
            }
        }

        QList<Delivery> deliveries;
        std::vector<Callback> callbacks;
        std::vector<ProbeCallback> probes;
        std::vector<std::function<void(Store &)>> work;
        QList<OutboxTable::Completion> answers;
        std::vector<AnswersCallback> answered;
        for (Job &job : batch) {
            if (job.delivery) {
                deliveries << std::move(*job.delivery);
                callbacks.push_back(std::move(job.callback));
            } else if (job.answered) {
                answers << std::move(job.answers);
                answered.push_back(std::move(job.answered));
            } else if (job.work) {
                work.push_back(std::move(job.work));
            } else {
                probes.push_back(std::move(job.probe));
            }
        }
        for (const auto &task : work)
            task(**store);

        if (!deliveries.isEmpty()) {
            QElapsedTimer clock;
            clock.start();
            QList<QStringList> targets;
            bool forwarding = false;
            if (m_router) {
                targets.reserve(deliveries.size());
                for (const Delivery &delivery : std::as_const(deliveries)) {
                    targets << m_router->targetsFor(delivery);
                    forwarding |= !targets.last().isEmpty();
                }
            }
            const Result<QList<Store::Recorded>> recorded = (*store)->ledger().record(deliveries, targets, answers);
            const Result<void> answersRecorded = recorded ? Result<void>() : fail(recorded.error());
            for (const AnswersCallback &done : answered)
                done(answersRecorded);
            answered.clear();
            const double seconds = double(clock.nsecsElapsed()) / 1e9;
            if (!recorded) {
                qCWarning(lcStore).noquote() << "could not commit" << deliveries.size() << "deliveries:" << recorded.error();
                needsReconnect = true;
                failingCommits = recorded.error();
                lastFailedCommit.start();
            } else {
                failingCommits.clear();
                if (forwarding && m_enqueued)
                    m_enqueued();
                updateRepositoryCache(**store, deliveries, recorded.value());
            }
            QMetaObject::invokeMethod(
                    this,
                    // The deliveries go back with the answers, to be freed on the thread that
                    // allocated them: freeing them here would contend for that thread's heap.
                    [this, callbacks = std::move(callbacks), recorded, seconds, count = int(deliveries.size()),
                     done = std::move(deliveries)] {
                        Q_EMIT batchCommitted(count, seconds, recorded.ok());
                        for (size_t i = 0; i < callbacks.size(); ++i) {
                            if (!recorded)
                                callbacks[i](Recorded::Failed, recorded.error());
                            else
                                callbacks[i](recorded->at(qsizetype(i)) == Store::Recorded::New ? Recorded::New
                                                                                                : Recorded::Duplicate,
                                             QString());
                        }
                    },
                    Qt::QueuedConnection);
        }
        if (!answered.empty()) {
            // No deliveries came with them: a commit of their own.
            const Result<void> recorded = (*store)->outbox().complete(answers, QDateTime::currentMSecsSinceEpoch());
            if (!recorded)
                needsReconnect = true;
            for (const AnswersCallback &done : answered)
                done(recorded);
        }
        if (!probes.empty()) {
            Result<void> alive = (*store)->ping();
            if (!alive && (*store)->reconnect())
                alive = (*store)->ping();
            needsReconnect = !alive;
            if (alive && !failingCommits.isEmpty()) {
                const bool believed = lastFailedCommit.elapsed() < kFailedCommitsBelievedMs;
                if (!believed && (*store)->writeProbe())
                    failingCommits.clear();
                else
                    alive = fail(QStringLiteral("the last commits failed (%1)").arg(failingCommits));
            }
            QMetaObject::invokeMethod(
                    this,
                    [probes = std::move(probes), alive] {
                        for (const ProbeCallback &probe : probes)
                            probe(alive);
                    },
                    Qt::QueuedConnection);
        }
    }
}

} // namespace forgelink

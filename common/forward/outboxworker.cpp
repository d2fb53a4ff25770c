#include "forward/outboxworker.h"

#include "forward/forwardrequest.h"
#include "forward/forwardrouter.h"
#include "forward/retrypolicy.h"
#include "http/httpclient.h"
#include "log/counted.h"
#include "log/logfields.h"
#include "store/store.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <cerrno>
#include <cstring>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcForward, "forgelink.forward", QtInfoMsg)

namespace forgelink {

namespace {

// Answers are recorded together every few milliseconds: one commit for many rows.
constexpr int kFlushMs = 20;
constexpr int kMaxUnflushed = 512;
// Runs claimed ahead of sending, per target, in multiples of `parallel`.
constexpr int kQueueDepth = 4;
// A run: a repository's oldest rows, sent one after another without a commit in between.
constexpr int kRowsPerRun = 16;
// Rows another process adds (another agent on PostgreSQL, `redeliver`) wake nobody here: look
// now and then. One small query every two seconds while idle.
constexpr int kLongestSleepMs = 2000;
constexpr int kCountEveryMs = 5000;
constexpr int kRetentionEveryMs = 60 * 60 * 1000;
constexpr int kRetentionBatch = 500;
// PostgreSQL: a claimed row is leased this long and the lease renewed while the row is held
// here, so rows of an agent that crashed go to another agent (or to it, restarted) within
// half a minute.
constexpr qint64 kLeaseMs = 30'000;
constexpr int kRenewLeasesEveryMs = 10'000;
constexpr int kSenderNiceness = 10;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Of an answer's body, this much is kept (for the error text); up to the drain limit the rest is
// read and dropped so the connection can carry the next request; a longer answer is cut off
// (the connection closes, its status stands).
constexpr qint64 kKeptAnswerBytes = AttemptLog::kKeptAnswerBytes; // what the attempt log keeps
constexpr qint64 kDrainedAnswerBytes = 64 * 1024;
// How often the paused targets are read: every agent obeys `forward pause` within this.
constexpr int kPausesEveryMs = 2000;

// "502 Bad Gateway: <the first 200 bytes of the body>"; a network error by its name. Nothing the
// request carried (secrets) is in it.
QString describeFailure(const IncomingAnswer &answer, int timeoutMs)
{
    if (answer.status == 0) {
        if (answer.timedOut)
            return QStringLiteral("no complete answer within %1 s").arg(timeoutMs / 1000.0);
        return answer.error;
    }
    const QByteArray body = answer.body.left(200).simplified();
    const QString reason = QString::fromLatin1(answer.reason);
    return QStringLiteral("%1 %2%3").arg(answer.status).arg(reason, body.isEmpty() ? QString() : QStringLiteral(": ") + QString::fromUtf8(body));
}

} // namespace

OutboxWorker::OutboxWorker(DatabaseSettings database, QList<ForwardTarget> targets, RetentionSettings retention, QString owner)
    : m_settings(std::move(database)), m_targets(std::move(targets)), m_retention(retention), m_owner(std::move(owner))
{
    m_pumpSoon.setSingleShot(true);
    m_pumpSoon.setInterval(0);
    m_flushSoon.setSingleShot(true);
    m_flushSoon.setInterval(kFlushMs);
    m_due.setSingleShot(true);
    connect(&m_pumpSoon, &QTimer::timeout, this, &OutboxWorker::pump);
    connect(&m_flushSoon, &QTimer::timeout, this, [this] {
        flush();
        pump();
    });
    connect(&m_due, &QTimer::timeout, this, &OutboxWorker::pump);
    connect(&m_countTimer, &QTimer::timeout, this, &OutboxWorker::count);
    connect(&m_retentionTimer, &QTimer::timeout, this, &OutboxWorker::prune);
    connect(&m_renewTimer, &QTimer::timeout, this, &OutboxWorker::renewLeases);
    connect(&m_pauseTimer, &QTimer::timeout, this, &OutboxWorker::readPauses);
    m_gateTimer.setSingleShot(true);
    connect(&m_gateTimer, &QTimer::timeout, this, &OutboxWorker::pump);
    for (const ForwardTarget &target : std::as_const(m_targets))
        m_states[target.name].rate = TokenBucket(target.maxPerSecond);
}

OutboxWorker::~OutboxWorker()
{
    std::lock_guard lock(m_mailbox->mutex);
    m_mailbox->worker = nullptr;
}

void OutboxWorker::setAnswerRecorder(AnswerRecorder recorder)
{
    m_recordAnswers = std::move(recorder);
    std::lock_guard lock(m_mailbox->mutex);
    m_mailbox->worker = this;
}

Result<void> OutboxWorker::open()
{
    Result<std::unique_ptr<Store>> store = Store::open(m_settings, QStringLiteral("forgelink-outbox"));
    if (!store)
        return fail(store.error());
    m_store = std::move(store.value());
    if (!m_store->isPostgres()) {
        // This connection only marks rows answered: after a power loss a mark may be missing and
        // the row is sent again, which at-least-once allows. So its commits need not wait for the
        // disk, and the webhook writer's group commits get the disk to themselves.
        if (Result<void> relaxed = m_store->database().exec(QStringLiteral("PRAGMA synchronous=NORMAL")); !relaxed)
            return relaxed;
    }
    // Taking webhooks comes first: under full load the providers get their answers at the
    // receiver's pace and forwarding catches up after. Linux keeps a nice value per thread; the
    // HTTP client runs on this one.
    if (setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), kSenderNiceness) != 0)
        qCDebug(lcForward) << "the sender keeps its priority:" << strerror(errno);
    // One client per target: a target that holds its connections must not hold another target on
    // the same host.
    for (const ForwardTarget &target : std::as_const(m_targets))
        m_clients.insert(target.name, new HttpClient(kKeptAnswerBytes, kDrainedAnswerBytes, this));
    m_countTimer.start(kCountEveryMs);
    m_retentionTimer.start(kRetentionEveryMs);
    if (m_store->isPostgres())
        m_renewTimer.start(kRenewLeasesEveryMs);
    QTimer::singleShot(60'000, this, &OutboxWorker::prune); // the first one a minute after start
    m_pauseTimer.start(kPausesEveryMs);
    readPauses();
    count();
    m_pumpSoon.start();
    return {};
}

bool OutboxWorker::isBroken(const ForwardTarget &target, const TargetState &state)
{
    return target.circuitBreakAfter > 0 && state.failuresInARow >= target.circuitBreakAfter;
}

qint64 OutboxWorker::gate(const ForwardTarget &target, TargetState &state)
{
    const qint64 at = now();
    const bool broken = isBroken(target, state);
    if (broken && state.probing)
        return kLongestSleepMs; // its answer decides; it pumps again
    if (broken && at < state.probeAtMs)
        return state.probeAtMs - at;
    if (!state.rate.take(at))
        return std::max<qint64>(1, state.rate.msUntilNext(at));
    state.probing = broken;
    return 0;
}

void OutboxWorker::noteAnswer(const ForwardTarget &target, bool accepted, std::optional<qint64> retryAfterMs)
{
    TargetState &state = m_states[target.name];
    const qint64 at = now();
    if (accepted) {
        if (isBroken(target, state)) {
            qCInfo(lcForward).noquote() << target.name << "answers again: circuit breaker closed; the waiting deliveries go now";
            // The rows that failed meanwhile wait out their own backoff otherwise.
            if (Result<int> released = m_store->outbox().releaseBackoff(target.name, at); !released)
                qCWarning(lcForward).noquote() << released.error();
        }
        state.failuresInARow = 0;
        state.probes = 0;
        state.probing = false;
        return;
    }
    ++state.failuresInARow;
    if (!isBroken(target, state))
        return;
    if (state.failuresInARow == target.circuitBreakAfter) {
        qCWarning(lcForward).noquote() << target.name << "failed" << state.failuresInARow
                                       << "times in a row: circuit breaker open, one probe per backoff step until it answers";
        state.probes = 0;
    } else if (state.probing) {
        ++state.probes;
        state.probing = false;
    } else {
        return; // a request sent before the breaker opened: the probes' pace stays
    }
    state.probeAtMs = at + RetryPolicy::delayMs(state.probes + 1, retryAfterMs);
}

void OutboxWorker::readPauses()
{
    if (!m_store || m_finished)
        return;
    Result<QHash<QString, ForwardPauses::Pause>> read = m_store->forwardPauses().all();
    if (!read)
        return; // the claim says so when the database is away; the last state holds meanwhile
    QHash<QString, QString> paused;
    for (const ForwardTarget &target : std::as_const(m_targets)) {
        if (const auto pause = read->constFind(target.name); pause != read->constEnd())
            paused.insert(target.name, pause->reason);
    }
    if (paused == m_paused)
        return;
    for (auto it = paused.cbegin(); it != paused.cend(); ++it) {
        if (!m_paused.contains(it.key()))
            qCInfo(lcForward).noquote() << "forwarding to" << it.key() << "is paused" << (it.value().isEmpty() ? QString() : QStringLiteral("(%1)").arg(it.value()));
    }
    for (auto it = m_paused.cbegin(); it != m_paused.cend(); ++it) {
        if (!paused.contains(it.key()))
            qCInfo(lcForward).noquote() << "forwarding to" << it.key() << "is resumed";
    }
    m_paused = paused;
    Q_EMIT pausesRead(m_paused.keys());
    wake();
}

void OutboxWorker::wake()
{
    if (!m_finished && !m_pumpSoon.isActive())
        m_pumpSoon.start();
}

void OutboxWorker::pump()
{
    if (m_finished || !m_store)
        return;
    for (const ForwardTarget &target : std::as_const(m_targets)) {
        if (isPaused(target))
            continue; // its rows stay pending; what it claimed waits here
        TargetState &state = m_states[target.name];
        // Claims read the database: one now and then for many rows, not one per answer.
        if (state.runs.size() < target.parallel)
            refill(target, state);
        startQueued(target, state);
    }
    armDueTimer();
}

void OutboxWorker::startQueued(const ForwardTarget &target, TargetState &state)
{
    // An open circuit breaker sends one probe at a time.
    const int most = isBroken(target, state) ? 1 : target.parallel;
    while (!isPaused(target) && state.sending < most && !state.runs.isEmpty()) {
        if (const qint64 wait = gate(target, state); wait > 0) {
            armGate(wait);
            return;
        }
        ++state.sending;
        sendNext(target, state.runs.takeFirst(), true);
    }
}

void OutboxWorker::refill(const ForwardTarget &target, TargetState &state)
{
    const int room = target.parallel * kQueueDepth - int(state.runs.size()) - state.sending;
    Result<QList<Run>> claimed = m_store->outbox().claim(target.name, room, kRowsPerRun, m_held, m_owner, kLeaseMs, now());
    if (!claimed) {
        if (!m_storeFailing)
            qCWarning(lcForward).noquote() << "cannot read the outbox:" << claimed.error();
        m_storeFailing = true;
        if (m_store->reconnect())
            m_storeFailing = false;
        return;
    }
    m_storeFailing = false;
    state.nextDueMs = m_store->outbox().nextDueMs();
    for (Run &run : claimed.value()) {
        for (const OutboxWork &work : std::as_const(run))
            m_held.insert(work.row.id);
        state.runs << std::move(run);
    }
}

void OutboxWorker::armGate(qint64 waitMs)
{
    if (!m_gateTimer.isActive() || m_gateTimer.remainingTime() > waitMs)
        m_gateTimer.start(int(std::min<qint64>(waitMs, kLongestSleepMs)));
}

void OutboxWorker::sendNext(const ForwardTarget &target, Run run, bool gatePassed)
{
    while (!run.isEmpty()) {
        OutboxWork &work = run.first();
        int position = -1;
        ForwardRequest request;
        if (target.format == ForwardTarget::Format::Original) {
            request = ForwardRequest::original(target, work);
        } else {
            const QList<int> matching = ForwardRouter::matchingEvents(target, work.delivery);
            if (work.row.progress >= matching.size()) {
                // Every matching event went (or none matches any more): the row is done.
                OutboxTable::Completion done{ work.row.id, OutboxTable::Completion::Decision::Delivered, std::nullopt, {}, 0, work.row.progress };
                done.claimedCreatedAtMs = work.row.createdAtMs;
                conclude(target, work.row.repo, done, QStringLiteral("delivered"));
                run.removeFirst();
                continue;
            }
            position = matching.at(work.row.progress);
            request = ForwardRequest::event(target, work.delivery, position, now() / 1000);
        }
        TargetState &state = m_states[target.name];
        if (isPaused(target)) {
            // Paused between two rows of a run: the rest waits, first in line for the resume.
            state.runs.prepend(std::move(run));
            --state.sending;
            return;
        }
        if (!gatePassed) {
            if (const qint64 wait = gate(target, state); wait > 0) {
                // Its rate or its circuit breaker holds it: first in line when the gate opens.
                state.runs.prepend(std::move(run));
                --state.sending;
                armGate(wait);
                return;
            }
        }
        post(target, std::move(run), request, position);
        return;
    }
    // The run is done: its sender takes the next one.
    TargetState &state = m_states[target.name];
    --state.sending;
    if (gatePassed)
        state.probing = false; // it ended without the request its turn was for: no answer will come
    startQueued(target, state);
}

void OutboxWorker::post(const ForwardTarget &target, Run run, const ForwardRequest &request, int eventPosition)
{
    const OutgoingRequest outgoing{ "POST", request.url, request.headers, request.body };
    const qint64 sentAt = now();
    // m_targets never changes after construction: the pointer stays valid.
    m_clients.value(target.name)->send(outgoing, target.timeoutMs,
                                       [this, destination = &target, run = std::move(run), eventPosition, sentAt](IncomingAnswer answer) {
                                           if (!m_finished)
                                               answered(*destination, run, answer, sentAt, eventPosition);
                                       });
}

void OutboxWorker::answered(const ForwardTarget &target, Run run, const IncomingAnswer &answer, qint64 sentAtMs, int eventPosition)
{
    OutboxWork &work = run.first();
    const int status = answer.status;
    const qint64 at = now();
    OutboxTable::Completion completion{ work.row.id, OutboxTable::Completion::Decision::Retry, std::nullopt, {}, 0, work.row.progress };
    completion.claimedCreatedAtMs = work.row.createdAtMs;
    if (status > 0)
        completion.status = status;
    completion.attemptedAtMs = sentAtMs;
    completion.durationMs = int(std::max<qint64>(0, at - sentAtMs));
    completion.answer = QString::fromUtf8(answer.body.left(AttemptLog::kKeptAnswerBytes));
    if (status >= 200 && status < 300) {
        noteAnswer(target, true, std::nullopt);
        if (eventPosition >= 0) {
            // The next of the row's events, at once; the row is done after the last.
            ++work.row.progress;
            sendNext(target, std::move(run));
            return;
        }
        completion.decision = OutboxTable::Completion::Decision::Delivered;
        if (work.row.attempts > 0)
            qCInfo(lcForward).noquote() << QStringLiteral("%1 %2 %3 delivered after %4")
                                                   .arg(target.name, providerId(work.row.provider), work.row.deliveryId,
                                                        forgelink::counted(work.row.attempts, QStringLiteral("failed attempt"), QStringLiteral("failed attempts")));
        conclude(target, work.row.repo, completion, QStringLiteral("delivered"));
        run.removeFirst();
        sendNext(target, std::move(run)); // the repository's next row, at once
        return;
    }
    completion.error = describeFailure(answer, target.timeoutMs);
    if (status == 410) {
        noteAnswer(target, true, std::nullopt); // it answers: it gave this one up, not the others
        completion.decision = OutboxTable::Completion::Decision::Dead;
        const LogFields fields{ { "target", target.name }, { "provider", providerId(work.row.provider) }, { "deliveryId", work.row.deliveryId } };
        qCWarning(lcForward).noquote() << target.name << providerId(work.row.provider) << work.row.deliveryId
                                       << "is dead: the target answered 410 Gone";
        conclude(target, work.row.repo, completion, QStringLiteral("dead"));
        run.removeFirst(); // given up: the repository's next row may go
        sendNext(target, std::move(run));
        return;
    }
    const int attempts = work.row.attempts + 1;
    const qint64 deadAt = work.row.createdAtMs + target.maxAgeMs;
    const std::optional<qint64> retryAfter = RetryPolicy::retryAfterMs(answer.header("Retry-After"), at);
    const qint64 delay = RetryPolicy::delayMs(attempts, retryAfter);
    noteAnswer(target, false, retryAfter);
    const LogFields fields{ { "target", target.name }, { "provider", providerId(work.row.provider) }, { "deliveryId", work.row.deliveryId } };
    if (at >= deadAt) {
        completion.decision = OutboxTable::Completion::Decision::Dead;
        qCWarning(lcForward).noquote() << target.name << providerId(work.row.provider) << work.row.deliveryId << "is dead after"
                                       << attempts << "attempts over" << target.maxAgeMs / 3'600'000.0 << "h:" << completion.error;
        conclude(target, work.row.repo, completion, QStringLiteral("dead"));
        run.removeFirst();
        sendNext(target, std::move(run));
        return;
    }
    completion.nextAttemptAtMs = std::min(at + delay, deadAt);
    qCInfo(lcForward).noquote() << QStringLiteral("%1 %2 %3 not accepted (%4); attempt %5, again in %6 s")
                                           .arg(target.name, providerId(work.row.provider), work.row.deliveryId, completion.error)
                                           .arg(attempts)
                                           .arg((completion.nextAttemptAtMs - at) / 1000.0, 0, 'f', 1);
    conclude(target, work.row.repo, completion, QStringLiteral("retry"));
    // The rows behind it wait for it: back to the table, to be claimed after it went.
    for (qsizetype i = 1; i < run.size(); ++i)
        m_held.remove(run.at(i).row.id);
    sendNext(target, {});
}

void OutboxWorker::conclude(const ForwardTarget &target, const QString &repo, OutboxTable::Completion completion, const QString &result)
{
    // The claims know at once that the row is done or put off (it stays held until recorded).
    m_store->outbox().concluded(target.name, repo, completion);
    m_completions << completion;
    ++m_attemptTally[{ target.name, result }];
    if (m_completions.size() >= kMaxUnflushed) {
        flush();
        m_pumpSoon.start();
    } else if (!m_flushSoon.isActive()) {
        m_flushSoon.start();
    }
}

void OutboxWorker::flush()
{
    for (auto it = m_attemptTally.cbegin(); it != m_attemptTally.cend(); ++it)
        Q_EMIT attempted(it.key().first, it.key().second, it.value());
    m_attemptTally.clear();
    if (m_completions.isEmpty() || !m_store)
        return;
    if (m_recordAnswers) {
        // The rows stay held until the answers are committed: claimed again before, they would
        // go twice.
        QList<qint64> ids;
        ids.reserve(m_completions.size());
        for (const OutboxTable::Completion &completion : std::as_const(m_completions))
            ids << completion.id;
        m_recordAnswers(std::exchange(m_completions, {}), [mailbox = m_mailbox, ids](const Result<void> &recorded) {
            std::lock_guard lock(mailbox->mutex);
            if (mailbox->worker)
                QMetaObject::invokeMethod(
                        mailbox->worker, [worker = mailbox->worker, ids, recorded] { worker->answersRecorded(ids, recorded); },
                        Qt::QueuedConnection);
        });
        return;
    }
    const Result<void> recorded = m_store->outbox().complete(m_completions, now());
    if (!recorded) {
        // The rows stay pending and leased to nobody: they are sent again (at least once).
        qCWarning(lcForward).noquote() << "cannot record" << m_completions.size() << "answers; the rows will be sent again:" << recorded.error();
        (void)m_store->reconnect();
    }
    for (const OutboxTable::Completion &completion : std::as_const(m_completions))
        m_held.remove(completion.id);
    m_completions.clear();
}

void OutboxWorker::answersRecorded(const QList<qint64> &ids, const Result<void> &recorded)
{
    if (!recorded)
        qCWarning(lcForward).noquote() << "cannot record" << ids.size() << "answers; the rows will be sent again:" << recorded.error();
    for (qint64 id : ids)
        m_held.remove(id);
    wake();
}

void OutboxWorker::armDueTimer()
{
    bool busy = !m_completions.isEmpty();
    for (const TargetState &state : std::as_const(m_states))
        busy |= state.sending > 0 || !state.runs.isEmpty();
    if (busy) {
        m_due.stop(); // answers and flushes pump again
        return;
    }
    // Until the earliest waiting head falls due; rows another process adds are found by the
    // next look at most two seconds later.
    qint64 sleep = kLongestSleepMs;
    for (const TargetState &state : std::as_const(m_states)) {
        if (state.nextDueMs)
            sleep = std::min(sleep, std::max<qint64>(*state.nextDueMs - now(), 0));
    }
    m_due.start(int(std::max<qint64>(sleep, 5)));
}

void OutboxWorker::count()
{
    if (!m_store)
        return;
    Result<QHash<QString, OutboxTable::TargetCounts>> counts = m_store->outbox().counts(now());
    if (counts)
        Q_EMIT counted(counts.value());
}

void OutboxWorker::renewLeases()
{
    if (!m_store || m_finished)
        return;
    Result<int> renewed = m_store->outbox().renewLeases(m_held, m_owner, now() + kLeaseMs);
    if (!renewed)
        qCWarning(lcForward).noquote() << renewed.error() << "(another agent may send those rows too)";
}

void OutboxWorker::prune()
{
    if (!m_store || m_finished)
        return;
    const QString before = QDateTime::fromMSecsSinceEpoch(now() - m_retention.deliveriesMs, Qt::UTC).toString(Qt::ISODateWithMs);
    int total = 0;
    for (int round = 0; round < 200; ++round) { // small batches, each its own short transaction
        Result<int> pruned = m_store->outbox().prune(before, kRetentionBatch);
        if (!pruned) {
            qCWarning(lcForward).noquote() << "retention:" << pruned.error();
            break;
        }
        total += pruned.value();
        if (pruned.value() < kRetentionBatch)
            break;
    }
    if (total > 0)
        qCInfo(lcForward) << "retention: deleted" << total << "deliveries older than" << before;
}

void OutboxWorker::finish()
{
    flush();
    m_finished = true;
    m_pumpSoon.stop();
    m_flushSoon.stop();
    m_due.stop();
    m_countTimer.stop();
    m_retentionTimer.stop();
    m_renewTimer.stop();
    // What is in flight is dropped; those rows stay pending and are sent again later.
    qDeleteAll(m_clients);
    m_clients.clear();
    m_store.reset();
}

} // namespace forgelink

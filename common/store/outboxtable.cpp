#include "store/outboxtable.h"

#include "store/deliveryledger.h"
#include "store/sqlitestatement.h"
#include "store/storedprovider.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace forgelink {

namespace {

// A claimed row and its delivery: the outbox's columns, then the ledger's.
const char kClaimColumns[] = "o.id, o.target, o.repo, o.attempts, o.progress, o.created_at,"
                             " d.provider, d.delivery_id, d.event, d.received_at, d.headers, d.body, d.events, d.credentials";

std::optional<OutboxWork> workFromRow(const QSqlQuery &query)
{
    std::optional<Delivery> delivery = DeliveryLedger::fromRow(query, 6);
    if (!delivery)
        return std::nullopt;
    OutboxWork work;
    work.row.id = query.value(0).toLongLong();
    work.row.target = query.value(1).toString();
    work.row.repo = query.value(2).toString();
    work.row.attempts = query.value(3).toInt();
    work.row.progress = query.value(4).toInt();
    work.row.createdAtMs = query.value(5).toLongLong();
    work.row.state = QStringLiteral("pending");
    work.delivery = std::move(*delivery);
    work.row.provider = work.delivery.provider;
    work.row.deliveryId = work.delivery.deliveryId;
    work.credentials = QJsonDocument::fromJson(query.value(13).toString().toUtf8()).object();
    return work;
}

std::optional<OutboxRow> rowFromQuery(const QSqlQuery &query)
{
    // Columns: id, target, provider, delivery_id, repo, state, attempts, progress, last_status,
    // last_error, next_attempt_at, created_at, last_attempt_at
    const std::optional<Provider> provider = StoredProvider::read(query.value(2), "outbox");
    if (!provider)
        return std::nullopt;
    OutboxRow row;
    row.id = query.value(0).toLongLong();
    row.target = query.value(1).toString();
    row.provider = *provider;
    row.deliveryId = query.value(3).toString();
    row.repo = query.value(4).toString();
    row.state = query.value(5).toString();
    row.attempts = query.value(6).toInt();
    row.progress = query.value(7).toInt();
    if (!query.value(8).isNull())
        row.lastStatus = query.value(8).toInt();
    row.lastError = query.value(9).toString();
    row.nextAttemptAtMs = query.value(10).toLongLong();
    row.createdAtMs = query.value(11).toLongLong();
    row.lastAttemptAtMs = query.value(12).toLongLong();
    return row;
}

// Every row the query found, those of a provider this forgelink does not know left out.
QList<OutboxRow> rowsFromQuery(QSqlQuery &query)
{
    QList<OutboxRow> rows;
    while (query.next()) {
        if (std::optional<OutboxRow> row = rowFromQuery(query))
            rows << *row;
    }
    return rows;
}

const char kRowColumns[] = "id, target, provider, delivery_id, repo, state, attempts, progress, last_status, last_error,"
                           " next_attempt_at, created_at, last_attempt_at";

} // namespace

OutboxTable::OutboxTable(Database &database) : m_database(database), m_attempts(database) { }

OutboxTable::~OutboxTable() = default;

void OutboxTable::forgetStatements()
{
    m_insert.reset();
    m_queues.clear(); // a new connection: read everything again
    m_attempts.forgetStatements();
}

Result<void> OutboxTable::enqueueWithSqlite(const QList<Entry> &entries, qint64 nowMs)
{
    if (!m_insert) {
        auto prepared = SqliteStatement::prepare(db(), "INSERT INTO outbox (target, provider, delivery_id, repo, state,"
                                                       " next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)"
                                                       " ON CONFLICT (provider, delivery_id, target) DO NOTHING");
        if (!prepared)
            return fail(QStringLiteral("cannot prepare the outbox insert: %1").arg(prepared.error()));
        m_insert = std::move(prepared).value();
    }
    for (const Entry &entry : entries) {
        const QByteArray provider = providerId(entry.provider).toUtf8();
        const QByteArray deliveryId = entry.deliveryId.toUtf8();
        const QByteArray repo = entry.repo.toUtf8();
        for (const QString &target : entry.targets) {
            const QByteArray name = target.toUtf8();
            m_insert->bindText(1, name);
            m_insert->bindText(2, provider);
            m_insert->bindText(3, deliveryId);
            m_insert->bindText(4, repo);
            m_insert->bindInt64(5, nowMs);
            m_insert->bindInt64(6, nowMs);
            if (Result<int> done = m_insert->execute(); !done) {
                m_insert.reset();
                return fail(QStringLiteral("cannot add to the outbox: %1").arg(done.error()));
            }
        }
    }
    return {};
}

Result<void> OutboxTable::enqueue(const QList<Entry> &entries, qint64 nowMs)
{
    if (!m_database.isPostgres())
        return enqueueWithSqlite(entries, nowMs);
    // PostgreSQL: one multi-row insert, one round trip.
    QStringList rows;
    for (const Entry &entry : entries) {
        for (int i = 0; i < entry.targets.size(); ++i)
            rows << QStringLiteral("(?, ?, ?, ?, 'pending', ?, ?)");
    }
    if (rows.isEmpty())
        return {};
    QSqlQuery insert(db());
    insert.prepare(QStringLiteral("INSERT INTO outbox (target, provider, delivery_id, repo, state, next_attempt_at, created_at)"
                                  " VALUES %1 ON CONFLICT (provider, delivery_id, target) DO NOTHING")
                           .arg(rows.join(QLatin1Char(','))));
    for (const Entry &entry : entries) {
        for (const QString &target : entry.targets) {
            insert.addBindValue(target);
            insert.addBindValue(providerId(entry.provider));
            insert.addBindValue(entry.deliveryId);
            insert.addBindValue(entry.repo);
            insert.addBindValue(nowMs);
            insert.addBindValue(nowMs);
        }
    }
    if (!insert.exec())
        return fail(m_database.error(QStringLiteral("cannot add to the outbox"), insert.lastError()));
    return {};
}

Result<QList<QList<OutboxWork>>> OutboxTable::claim(const QString &target, int repositories, int rowsPerRepository,
                                                    const QSet<qint64> &held, const QString &owner, qint64 leaseMs, qint64 nowMs)
{
    m_nextDueMs.reset();
    QList<QList<OutboxWork>> runs;
    if (repositories <= 0 || rowsPerRepository <= 0)
        return runs;
    if (!m_database.isPostgres())
        return claimWithSqlite(target, repositories, rowsPerRepository, held, nowMs);
    // PostgreSQL, where several agents share the outbox: the oldest pending row of each repository
    // (its head), found by skipping through the heads index a repository at a time: two index
    // seeks per repository, however long the backlog. A head
    // may go when it is due, not leased by another agent and not held here; the rest of its
    // repository waits behind it.
    // A claim looks at a window of repositories; the next one goes on after it, so that a backlog
    // of failing repositories cannot hide the ones behind it. (Two shapes of the first step: an
    // OR in it would cost the MIN() seek on the index.)
    const auto scanFrom = m_scanFrom.constFind(target);
    const bool resume = scanFrom != m_scanFrom.constEnd();
    QSqlQuery heads(db());
    heads.setForwardOnly(true);
    heads.prepare(QStringLiteral(
            "WITH RECURSIVE repos(repo, n) AS ("
            " SELECT MIN(repo), 1 FROM outbox WHERE target = ? AND state = 'pending'%1"
            " UNION ALL"
            " SELECT (SELECT MIN(p.repo) FROM outbox p WHERE p.target = ? AND p.state = 'pending' AND p.repo > repos.repo), n + 1"
            " FROM repos WHERE repos.repo IS NOT NULL AND n < ?)"
            " SELECT o.id, o.repo, o.next_attempt_at, o.lease_until, o.lease_owner, repos.n, o.provider FROM repos JOIN outbox o ON o.id ="
            " (SELECT h.id FROM outbox h WHERE h.target = ? AND h.state = 'pending' AND h.repo = repos.repo ORDER BY h.id LIMIT 1)"
            " ORDER BY o.id")
                          .arg(resume ? QStringLiteral(" AND repo > ?") : QString()));
    heads.addBindValue(target);
    if (resume)
        heads.addBindValue(*scanFrom);
    heads.addBindValue(target);
    heads.addBindValue(m_repositoriesPerClaim);
    heads.addBindValue(target);
    if (!heads.exec())
        return fail(m_database.error(QStringLiteral("cannot read the outbox"), heads.lastError()));
    // A row may go now: due, and leased to nobody else (this agent's own lease survives a retry
    // of the row before it). A row of a provider this agent does not know (a newer agent on the
    // same database wrote it) never goes from here: it holds its repository back, in order.
    auto mayGo = [&](qint64 id, qint64 nextAttemptAt, qint64 leaseUntil, const QString &leaseOwner, const QVariant &provider) {
        if (held.contains(id) || !StoredProvider::read(provider, "outbox"))
            return false;
        const qint64 due = std::max(nextAttemptAt, leaseOwner == owner ? 0 : leaseUntil);
        if (due <= nowMs)
            return true;
        noteWaitingUntil(due);
        return false;
    };
    QList<std::pair<QString, qint64>> chosen; // repository, head
    int scanned = 0;
    QString lastScanned;
    while (heads.next()) {
        if (const int n = heads.value(5).toInt(); n > scanned) {
            scanned = n;
            lastScanned = heads.value(1).toString();
        }
        const qint64 id = heads.value(0).toLongLong();
        if (mayGo(id, heads.value(2).toLongLong(), heads.value(3).toLongLong(), heads.value(4).toString(), heads.value(6))
            && chosen.size() < repositories)
            chosen.append({ heads.value(1).toString(), id });
    }
    if (scanned >= m_repositoriesPerClaim)
        m_scanFrom.insert(target, lastScanned);
    else
        m_scanFrom.remove(target); // the end of the backlog: the next claim starts over
    if (chosen.isEmpty())
        return runs;
    // Each chosen head with the rows behind it: sent one after another by one sender, they keep
    // their order, and a repository's backlog does not wait a commit between two rows.
    QStringList parts;
    for (qsizetype i = 0; i < chosen.size(); ++i)
        parts << QStringLiteral("SELECT * FROM (SELECT id, repo, next_attempt_at, lease_until, lease_owner, provider FROM outbox"
                                " WHERE target = ? AND state = 'pending' AND repo = ? AND id >= ? ORDER BY id LIMIT ?) r%1")
                         .arg(i);
    QSqlQuery rows(db());
    rows.setForwardOnly(true);
    rows.prepare(parts.join(QStringLiteral(" UNION ALL ")));
    for (const auto &[repo, head] : std::as_const(chosen)) {
        rows.addBindValue(target);
        rows.addBindValue(repo);
        rows.addBindValue(head);
        rows.addBindValue(rowsPerRepository);
    }
    if (!rows.exec())
        return fail(m_database.error(QStringLiteral("cannot read the outbox"), rows.lastError()));
    // A run ends before the first row that may not go yet.
    QHash<QString, QList<qint64>> runIds;
    QSet<QString> ended;
    QStringList ids;
    while (rows.next()) {
        const QString repo = rows.value(1).toString();
        if (ended.contains(repo))
            continue;
        const qint64 id = rows.value(0).toLongLong();
        if (!mayGo(id, rows.value(2).toLongLong(), rows.value(3).toLongLong(), rows.value(4).toString(), rows.value(5))) {
            ended.insert(repo);
            continue;
        }
        runIds[repo] << id;
        ids << QString::number(id);
    }
    // Another agent may have chosen the same rows: the lease goes to one of us, and rows
    // another agent locks right now are skipped.
    QSqlQuery lease(db());
    lease.prepare(QStringLiteral("UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id IN (SELECT id FROM outbox WHERE id IN (%1)"
                                 " AND state = 'pending' AND (lease_until <= ? OR lease_owner = ?) FOR UPDATE SKIP LOCKED) RETURNING id")
                          .arg(ids.join(QLatin1Char(','))));
    lease.addBindValue(owner);
    lease.addBindValue(nowMs + leaseMs);
    lease.addBindValue(nowMs);
    lease.addBindValue(owner);
    if (!lease.exec())
        return fail(m_database.error(QStringLiteral("cannot claim outbox rows"), lease.lastError()));
    QSet<qint64> leased;
    while (lease.next())
        leased.insert(lease.value(0).toLongLong());
    // A run keeps its rows up to the first one another agent took.
    for (QList<qint64> &run : runIds) {
        qsizetype kept = 0;
        while (kept < run.size() && leased.contains(run.at(kept)))
            ++kept;
        run.resize(kept);
    }
    QList<QList<qint64>> chosenRuns;
    for (const auto &[repo, head] : std::as_const(chosen)) {
        if (!runIds.value(repo).isEmpty())
            chosenRuns << runIds.value(repo);
    }
    return readRuns(chosenRuns);
}

Result<QList<QList<OutboxWork>>> OutboxTable::readRuns(const QList<QList<qint64>> &runIds)
{
    QList<QList<OutboxWork>> runs;
    QHash<qint64, qsizetype> runOfRow;
    QStringList ids;
    for (const QList<qint64> &run : runIds) {
        for (qint64 id : run) {
            runOfRow.insert(id, runs.size());
            ids << QString::number(id);
        }
        runs.append(QList<OutboxWork>());
    }
    if (ids.isEmpty())
        return QList<QList<OutboxWork>>();
    QSqlQuery query(db());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT %1 FROM outbox o JOIN deliveries d ON d.provider = o.provider AND d.delivery_id = o.delivery_id"
                                   " WHERE o.id IN (%2) ORDER BY o.id")
                            .arg(QLatin1String(kClaimColumns), ids.join(QLatin1Char(',')))))
        return fail(m_database.error(QStringLiteral("cannot read the outbox"), query.lastError()));
    while (query.next()) {
        if (std::optional<OutboxWork> work = workFromRow(query))
            runs[runOfRow.value(work->row.id)].append(std::move(*work));
    }
    runs.removeIf([](const QList<OutboxWork> &run) { return run.isEmpty(); });
    return runs;
}

Result<void> OutboxTable::readQueue(const QString &target, OutboxQueue &queue, qint64 nowMs)
{
    QElapsedTimer took;
    took.start();
    const bool full = queue.wantsFullRead(nowMs);
    if (full)
        queue.beginFullRead();
    QSqlQuery rows(db());
    rows.setForwardOnly(true);
    rows.prepare(QStringLiteral("SELECT id, repo, next_attempt_at FROM outbox WHERE target = ? AND state = 'pending' AND id > ? ORDER BY id"));
    rows.addBindValue(target);
    rows.addBindValue(queue.lastSeenId());
    if (!rows.exec())
        return fail(m_database.error(QStringLiteral("cannot read the outbox"), rows.lastError()));
    while (rows.next())
        queue.add(rows.value(1).toString(), { rows.value(0).toLongLong(), rows.value(2).toLongLong() });
    if (full)
        queue.endFullRead(nowMs, took.elapsed());
    return {};
}

Result<QHash<qint64, OutboxTable::RowState>> OutboxTable::rowStates(const QStringList &ids)
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, state, next_attempt_at, provider FROM outbox WHERE id IN (%1)").arg(ids.join(QLatin1Char(',')))))
        return fail(m_database.error(QStringLiteral("cannot read the outbox"), query.lastError()));
    QHash<qint64, RowState> states;
    while (query.next()) {
        states.insert(query.value(0).toLongLong(), { query.value(1).toString() == u"pending", query.value(2).toLongLong(),
                                                     StoredProvider::read(query.value(3), "outbox").has_value() });
    }
    return states;
}

Result<QList<QList<OutboxWork>>> OutboxTable::claimWithSqlite(const QString &target, int repositories, int rowsPerRepository,
                                                              const QSet<qint64> &held, qint64 nowMs)
{
    OutboxQueue &queue = m_queues[target];
    if (Result<void> read = readQueue(target, queue, nowMs); !read)
        return fail(read.error());
    // The window of repositories after the one the last claim stopped at, as claim() looks at
    // them in the database.
    const QMap<QString, QList<OutboxQueue::Pending>> &known = queue.repositories();
    const auto scanFrom = m_scanFrom.constFind(target);
    auto repository = scanFrom == m_scanFrom.constEnd() ? known.constBegin() : known.upperBound(*scanFrom);
    QStringList window;
    for (; repository != known.constEnd() && window.size() < m_repositoriesPerClaim; ++repository)
        window << repository.key();
    if (window.size() >= m_repositoriesPerClaim && repository != known.constEnd())
        m_scanFrom.insert(target, window.last());
    else
        m_scanFrom.remove(target);

    // Each repository's head with the rows behind it that may go now; a run stops at a row that
    // is held (in flight here) or not due. The database decides each row: one delivered, dead or
    // put off since it was read leaves the queue or waits, and the repository is looked at again
    // without it; a row of a provider this agent does not know holds its repository back.
    QList<QList<qint64>> runs;
    QStringList looking = window;
    while (!looking.isEmpty() && runs.size() < repositories) {
        QList<std::pair<QString, QList<qint64>>> candidates;
        QStringList ids;
        for (const QString &repo : std::as_const(looking)) {
            if (int(candidates.size()) + int(runs.size()) >= repositories)
                break;
            QList<qint64> run;
            for (const OutboxQueue::Pending &row : known.value(repo)) {
                if (run.size() >= rowsPerRepository || held.contains(row.id))
                    break;
                if (row.nextAttemptAtMs > nowMs) {
                    if (run.isEmpty())
                        noteWaitingUntil(row.nextAttemptAtMs);
                    break;
                }
                run << row.id;
                ids << QString::number(row.id);
            }
            if (!run.isEmpty())
                candidates.append({ repo, run });
        }
        if (candidates.isEmpty())
            break;
        Result<QHash<qint64, RowState>> states = rowStates(ids);
        if (!states)
            return fail(states.error());
        const QHash<qint64, RowState> &current = states.value();
        looking.clear();
        for (const auto &[repo, run] : std::as_const(candidates)) {
            QList<qint64> kept;
            bool gone = false;
            for (qint64 id : run) {
                const auto row = current.constFind(id);
                if (row == current.constEnd() || !row->pending) {
                    queue.remove(repo, id);
                    gone = true;
                    break;
                }
                if (row->nextAttemptAtMs > nowMs) {
                    queue.setNextAttempt(repo, id, row->nextAttemptAtMs);
                    if (kept.isEmpty())
                        noteWaitingUntil(row->nextAttemptAtMs);
                    break;
                }
                if (!row->knownProvider)
                    break;
                kept << id;
            }
            if (gone)
                looking << repo; // chosen again from what the queue holds now
            else if (!kept.isEmpty())
                runs << kept;
        }
    }
    // The oldest heads first, as the database's claim chooses them.
    std::sort(runs.begin(), runs.end(), [](const QList<qint64> &a, const QList<qint64> &b) { return a.first() < b.first(); });
    return readRuns(runs);
}

void OutboxTable::concluded(const QString &target, const QString &repo, const Completion &completion)
{
    const auto queue = m_queues.find(target);
    if (queue == m_queues.end())
        return;
    if (completion.decision == Completion::Decision::Retry)
        queue->setNextAttempt(repo, completion.id, completion.nextAttemptAtMs);
    else
        queue->remove(repo, completion.id);
}

Result<int> OutboxTable::renewLeases(const QSet<qint64> &held, const QString &owner, qint64 leaseUntilMs)
{
    if (held.isEmpty() || !m_database.isPostgres())
        return 0;
    QStringList ids;
    ids.reserve(held.size());
    for (qint64 id : held)
        ids << QString::number(id);
    QSqlQuery renew(db());
    renew.prepare(QStringLiteral("UPDATE outbox SET lease_until = ? WHERE id IN (%1) AND lease_owner = ? AND state = 'pending'")
                          .arg(ids.join(QLatin1Char(','))));
    renew.addBindValue(leaseUntilMs);
    renew.addBindValue(owner);
    if (!renew.exec())
        return fail(m_database.error(QStringLiteral("cannot renew outbox leases"), renew.lastError()));
    return renew.numRowsAffected();
}

Result<void> OutboxTable::complete(const QList<Completion> &completions, qint64 nowMs)
{
    if (completions.isEmpty())
        return {};
    if (!db().transaction())
        return fail(m_database.error(QStringLiteral("cannot start a transaction"), db().lastError()));
    if (Result<void> applied = applyAnswers(completions, nowMs); !applied) {
        db().rollback();
        return applied;
    }
    if (!db().commit()) {
        const QString message = m_database.error(QStringLiteral("cannot record outbox answers"), db().lastError());
        db().rollback();
        return fail(message);
    }
    return {};
}

Result<void> OutboxTable::applyAnswers(const QList<Completion> &completions, qint64 nowMs)
{
    if (completions.isEmpty())
        return {};
    // Most answers are alike (delivered, 2xx, nothing to say): one statement for each such group.
    // An answer applies only to the row as it was claimed: one put back meanwhile has a new
    // created_at and stays as `redeliver` left it.
    struct Group {
        QStringList ids;
        QStringList claimed; // (id, created_at) of the rows claimed with one
    };
    QMap<std::tuple<int, int, int>, Group> alike; // (outcome, status, progress) -> rows
    QSqlQuery update(db());
    update.prepare(QStringLiteral("UPDATE outbox SET state = ?, attempts = attempts + 1, progress = ?, last_status = ?, last_error = ?,"
                                  " next_attempt_at = ?, finished_at = ?, last_attempt_at = COALESCE(?, last_attempt_at), lease_owner = NULL,"
                                  " lease_until = 0 WHERE id = ? AND (created_at = ? OR CAST(? AS BIGINT) = 0)"));
    QList<OutboxAttempt> attempts;
    QMap<std::tuple<int, int, int>, qint64> lastAttemptOf; // per group of alike answers: its latest attempt
    auto stateName = [](Completion::Decision outcome) {
        return outcome == Completion::Decision::Delivered ? QStringLiteral("delivered")
                : outcome == Completion::Decision::Dead   ? QStringLiteral("dead")
                                                         : QStringLiteral("pending");
    };
    for (const Completion &completion : completions) {
        if (completion.attemptedAtMs > 0)
            attempts << OutboxAttempt{ completion.id, completion.attemptedAtMs, completion.durationMs, completion.status, completion.error,
                                       completion.answer };
        if (completion.decision == Completion::Decision::Delivered && completion.error.isEmpty() && completion.status) {
            const std::tuple<int, int, int> key{ int(completion.decision), *completion.status, completion.progress };
            Group &group = alike[key];
            group.ids << QString::number(completion.id);
            if (completion.claimedCreatedAtMs > 0)
                group.claimed << QStringLiteral("(%1,%2)").arg(completion.id).arg(completion.claimedCreatedAtMs);
            lastAttemptOf[key] = std::max(lastAttemptOf.value(key), completion.attemptedAtMs);
            continue;
        }
        const bool finished = completion.decision != Completion::Decision::Retry;
        update.addBindValue(stateName(completion.decision));
        update.addBindValue(completion.progress);
        update.addBindValue(completion.status ? QVariant(*completion.status) : QVariant(QMetaType(QMetaType::Int)));
        update.addBindValue(Database::nullable(completion.error));
        update.addBindValue(completion.nextAttemptAtMs);
        update.addBindValue(finished ? QVariant(nowMs) : QVariant(QMetaType(QMetaType::LongLong)));
        update.addBindValue(completion.attemptedAtMs > 0 ? QVariant(completion.attemptedAtMs) : QVariant(QMetaType(QMetaType::LongLong)));
        update.addBindValue(completion.id);
        update.addBindValue(completion.claimedCreatedAtMs);
        update.addBindValue(completion.claimedCreatedAtMs);
        if (!update.exec())
            return fail(m_database.error(QStringLiteral("cannot record an outbox answer"), update.lastError()));
    }
    update.finish();
    for (auto group = alike.cbegin(); group != alike.cend(); ++group) {
        const auto &[outcome, status, progress] = group.key();
        QSqlQuery many(db());
        // The ids find the rows by their key; the (id, created_at) pairs check them, when every
        // answer of the group names its claim (those of older callers need not).
        const Group &rows = group.value();
        const QString claimed = rows.claimed.size() == rows.ids.size()
                ? QStringLiteral(" AND (id, created_at) IN (VALUES %1)").arg(rows.claimed.join(QLatin1Char(',')))
                : QString();
        many.prepare(QStringLiteral("UPDATE outbox SET state = ?, attempts = attempts + 1, progress = ?, last_status = ?, last_error = NULL,"
                                    " finished_at = ?, last_attempt_at = COALESCE(?, last_attempt_at), lease_owner = NULL, lease_until = 0"
                                    " WHERE id IN (%1)%2")
                             .arg(rows.ids.join(QLatin1Char(',')), claimed));
        const qint64 lastAttempt = lastAttemptOf.value(group.key());
        many.addBindValue(stateName(Completion::Decision(outcome)));
        many.addBindValue(progress);
        many.addBindValue(status);
        many.addBindValue(nowMs);
        many.addBindValue(lastAttempt > 0 ? QVariant(lastAttempt) : QVariant(QMetaType(QMetaType::LongLong)));
        if (!many.exec())
            return fail(m_database.error(QStringLiteral("cannot record outbox answers"), many.lastError()));
    }
    return m_attempts.record(attempts);
}

Result<QList<OutboxRow>> OutboxTable::list(const QString &target, const QString &state, int limit)
{
    QStringList conditions;
    if (!target.isEmpty())
        conditions << QStringLiteral("target = ?");
    if (!state.isEmpty())
        conditions << QStringLiteral("state = ?");
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM outbox %2 ORDER BY id DESC LIMIT ?")
                          .arg(QLatin1String(kRowColumns),
                               conditions.isEmpty() ? QString() : QStringLiteral("WHERE ") + conditions.join(QStringLiteral(" AND "))));
    if (!target.isEmpty())
        query.addBindValue(target);
    if (!state.isEmpty())
        query.addBindValue(state);
    query.addBindValue(limit);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot read the outbox"), query.lastError()));
    return rowsFromQuery(query);
}

Result<int> OutboxTable::releaseBackoff(const QString &target, qint64 nowMs)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("UPDATE outbox SET next_attempt_at = ? WHERE target = ? AND state = 'pending' AND next_attempt_at > ?"));
    query.addBindValue(nowMs);
    query.addBindValue(target);
    query.addBindValue(nowMs);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot release the outbox's backoff"), query.lastError()));
    if (const auto queue = m_queues.find(target); queue != m_queues.end())
        queue->releaseBackoff(nowMs);
    return query.numRowsAffected();
}

Result<QHash<QString, qint64>> OutboxTable::lastDelivered()
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT target, MAX(finished_at) FROM outbox WHERE state = 'delivered' GROUP BY target")))
        return fail(m_database.error(QStringLiteral("cannot read the outbox"), query.lastError()));
    QHash<QString, qint64> last;
    while (query.next())
        last.insert(query.value(0).toString(), query.value(1).toLongLong());
    return last;
}

Result<QList<OutboxRow>> OutboxTable::forDelivery(Provider provider, const QString &deliveryId)
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE provider = ? AND delivery_id = ? ORDER BY target").arg(QLatin1String(kRowColumns)));
    query.addBindValue(providerId(provider));
    query.addBindValue(deliveryId);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot read the outbox"), query.lastError()));
    return rowsFromQuery(query);
}

Result<QHash<QString, OutboxTable::TargetCounts>> OutboxTable::counts(qint64 nowMs)
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT target, state, COUNT(*), MIN(created_at) FROM outbox WHERE state IN ('pending', 'dead')"
                                   " GROUP BY target, state")))
        return fail(m_database.error(QStringLiteral("cannot count the outbox"), query.lastError()));
    QHash<QString, TargetCounts> counts;
    while (query.next()) {
        TargetCounts &target = counts[query.value(0).toString()];
        if (query.value(1).toString() == u"pending") {
            target.pending = query.value(2).toLongLong();
            target.oldestPendingAgeMs = std::max<qint64>(0, nowMs - query.value(3).toLongLong());
        } else {
            target.dead = query.value(2).toLongLong();
        }
    }
    return counts;
}

namespace {
const char kRequeue[] = "UPDATE outbox SET state = 'pending', progress = 0, next_attempt_at = ?, created_at = ?, finished_at = NULL,"
                        " lease_owner = NULL, lease_until = 0 WHERE target = ? AND ";
} // namespace

Result<int> OutboxTable::requeueDelivery(const QString &target, Provider provider, const QString &deliveryId, qint64 nowMs)
{
    QSqlQuery query(db());
    query.prepare(QLatin1String(kRequeue) + QStringLiteral("provider = ? AND delivery_id = ?"));
    query.addBindValue(nowMs);
    query.addBindValue(nowMs);
    query.addBindValue(target);
    query.addBindValue(providerId(provider));
    query.addBindValue(deliveryId);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot put the row back"), query.lastError()));
    return query.numRowsAffected();
}

Result<int> OutboxTable::requeueDead(const QString &target, qint64 nowMs)
{
    QSqlQuery query(db());
    query.prepare(QLatin1String(kRequeue) + QStringLiteral("state = 'dead'"));
    query.addBindValue(nowMs);
    query.addBindValue(nowMs);
    query.addBindValue(target);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot put the dead rows back"), query.lastError()));
    return query.numRowsAffected();
}

Result<int> OutboxTable::requeueSince(const QString &target, const QString &receivedSince, qint64 nowMs)
{
    QSqlQuery query(db());
    query.prepare(QLatin1String(kRequeue)
                  + QStringLiteral("EXISTS (SELECT 1 FROM deliveries d WHERE d.provider = outbox.provider"
                                   " AND d.delivery_id = outbox.delivery_id AND d.received_at >= ?)"));
    query.addBindValue(nowMs);
    query.addBindValue(nowMs);
    query.addBindValue(target);
    query.addBindValue(receivedSince);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot put the rows back"), query.lastError()));
    return query.numRowsAffected();
}

Result<QList<OutboxTable::Unrouted>> OutboxTable::unrouted(const QString &target, const QString &receivedSince, qint64 afterRowId, int limit)
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT d.id, d.provider, d.delivery_id, d.event, d.received_at, d.headers, d.body, d.events FROM deliveries d"
                                 " WHERE d.received_at >= ? AND d.id > ? AND d.provider IN (%1) AND NOT EXISTS (SELECT 1 FROM outbox o"
                                 " WHERE o.target = ? AND o.provider = d.provider AND o.delivery_id = d.delivery_id) ORDER BY d.id LIMIT ?")
                          .arg(StoredProvider::knownIdList()));
    query.addBindValue(receivedSince);
    query.addBindValue(afterRowId);
    query.addBindValue(target);
    query.addBindValue(limit);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot read deliveries"), query.lastError()));
    QList<Unrouted> found;
    while (query.next()) {
        if (std::optional<Delivery> delivery = DeliveryLedger::fromRow(query, 1))
            found << Unrouted{ query.value(0).toLongLong(), std::move(*delivery) };
    }
    return found;
}

Result<int> OutboxTable::prune(const QString &receivedBefore, int limit)
{
    QSqlQuery select(db());
    select.setForwardOnly(true);
    select.prepare(QStringLiteral("SELECT d.id, d.provider, d.delivery_id FROM deliveries d WHERE d.received_at < ? AND NOT EXISTS"
                                  " (SELECT 1 FROM outbox o WHERE o.provider = d.provider AND o.delivery_id = d.delivery_id"
                                  " AND o.state = 'pending') ORDER BY d.id LIMIT ?"));
    select.addBindValue(receivedBefore);
    select.addBindValue(limit);
    if (!select.exec())
        return fail(m_database.error(QStringLiteral("cannot find old deliveries"), select.lastError()));
    QList<std::tuple<qint64, QString, QString>> old;
    while (select.next())
        old << std::make_tuple(select.value(0).toLongLong(), select.value(1).toString(), select.value(2).toString());
    select.finish();
    if (old.isEmpty())
        return 0;
    if (!db().transaction())
        return fail(m_database.error(QStringLiteral("cannot start a transaction"), db().lastError()));
    QSqlQuery rows(db());
    rows.prepare(QStringLiteral("DELETE FROM outbox WHERE provider = ? AND delivery_id = ? AND state <> 'pending'"));
    QSqlQuery deliveries(db());
    // A row put back to pending meanwhile (redeliver) keeps its delivery.
    deliveries.prepare(QStringLiteral("DELETE FROM deliveries WHERE id = ? AND NOT EXISTS (SELECT 1 FROM outbox o"
                                      " WHERE o.provider = ? AND o.delivery_id = ? AND o.state = 'pending')"));
    for (const auto &[id, provider, deliveryId] : old) {
        if (Result<void> removed = m_attempts.removeFinished(provider, deliveryId); !removed) {
            db().rollback();
            return fail(removed.error());
        }
        rows.addBindValue(provider);
        rows.addBindValue(deliveryId);
        deliveries.addBindValue(id);
        deliveries.addBindValue(provider);
        deliveries.addBindValue(deliveryId);
        if (!rows.exec() || !deliveries.exec()) {
            const QString message = m_database.error(QStringLiteral("cannot delete old deliveries"),
                                                     rows.lastError().isValid() ? rows.lastError() : deliveries.lastError());
            db().rollback();
            return fail(message);
        }
    }
    rows.finish();
    deliveries.finish();
    if (!db().commit()) {
        const QString message = m_database.error(QStringLiteral("cannot delete old deliveries"), db().lastError());
        db().rollback();
        return fail(message);
    }
    return int(old.size());
}

} // namespace forgelink

#include "forward/glob.h"
#include "forward/standardwebhooks.h"
#include "forward/tokenbucket.h"
#include "store/store.h"
#include "testdatabases.h"

#include <QScopeGuard>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace forgelink;
using namespace forgelink::test;

// The outbox's table on SQLite and PostgreSQL: rows written with their delivery, claimed oldest
// first and one per repository, shared between agents, and pruned only when nothing is pending.
class tst_OutboxTable : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_opened = 0;

    std::unique_ptr<Store> open(const QString &name, bool fresh = true)
    {
        QFETCH_GLOBAL(QString, backend);
        DatabaseSettings settings = TestDatabases::sqlite(m_dir.filePath(name + QStringLiteral(".db")));
        if (backend == u"postgresql") {
            const Result<DatabaseSettings> found = TestDatabases::postgres(QStringLiteral("tst_outbox_") + name, fresh);
            if (!found)
                return nullptr;
            settings = found.value();
        }
        Result<std::unique_ptr<Store>> store = Store::open(settings, QStringLiteral("outbox-%1").arg(++m_opened));
        if (!store)
            qWarning("%s", qPrintable(store.error()));
        return store ? std::move(store.value()) : nullptr;
    }

    static Delivery delivery(const QString &id, const QString &repo, const QDateTime &receivedAt = QDateTime::currentDateTimeUtc())
    {
        Delivery delivery;
        delivery.provider = Provider::GitLab;
        delivery.deliveryId = id;
        delivery.event = QStringLiteral("Push Hook");
        delivery.receivedAt = receivedAt;
        delivery.body = "{\"id\":\"" + id.toUtf8() + "\"}";
        delivery.credentials = QJsonObject{ { QStringLiteral("X-Gitlab-Token"), QStringLiteral("t") } };
        NormalizedEvent event;
        event.kind = QStringLiteral("push");
        event.repo = repo;
        delivery.events = { event };
        return delivery;
    }

    static QList<OutboxWork> flat(const QList<QList<OutboxWork>> &runs)
    {
        QList<OutboxWork> rows;
        for (const QList<OutboxWork> &run : runs)
            rows << run;
        return rows;
    }
    static QStringList ids(const QList<OutboxWork> &claimed)
    {
        QStringList list;
        for (const OutboxWork &work : claimed)
            list << work.row.deliveryId;
        return list;
    }
    static QStringList ids(const QList<QList<OutboxWork>> &runs) { return ids(flat(runs)); }

private Q_SLOTS:
    void initTestCase_data() { TestDatabases::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend == u"postgresql" && !TestDatabases::postgresAvailable())
            QSKIP(qPrintable(TestDatabases::postgresMissing()));
    }

    // `redeliver` puts a row back while its answer is on the way to the store: the answer, which
    // names the row as it was claimed, leaves the put-back row pending, to be sent again.
    void anAnswerLeavesARowPutBackMeanwhile()
    {
        auto store = open(QStringLiteral("putback"));
        QVERIFY(store);
        QVERIFY(store->ledger().record({ delivery(QStringLiteral("d1"), QStringLiteral("acme/a")), delivery(QStringLiteral("d2"), QStringLiteral("acme/b")),
                                         delivery(QStringLiteral("d3"), QStringLiteral("acme/c")) },
                                       { { "t" }, { "t" }, { "t" } }));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QList<OutboxWork> claimed = flat(store->outbox().claim(QStringLiteral("t"), 10, 1, {}, QStringLiteral("me"), 60'000, now + 1).value());
        QCOMPARE(ids(claimed), (QStringList{ "d1", "d2", "d3" }));
        // d1 and d3 are put back after they were sent and before their answers are recorded.
        QCOMPARE(store->outbox().requeueDelivery(QStringLiteral("t"), Provider::GitLab, QStringLiteral("d1"), now + 5).value(), 1);
        QCOMPARE(store->outbox().requeueDelivery(QStringLiteral("t"), Provider::GitLab, QStringLiteral("d3"), now + 5).value(), 1);
        QList<OutboxTable::Completion> answers;
        for (const OutboxWork &work : claimed) {
            OutboxTable::Completion answer{ work.row.id, OutboxTable::Completion::Decision::Delivered, 204, {}, 0, 0 };
            if (work.row.deliveryId == u"d3") // a failure goes through the per-row statement
                answer = { work.row.id, OutboxTable::Completion::Decision::Retry, 502, QStringLiteral("502"), now + 60'000, 0 };
            answer.claimedCreatedAtMs = work.row.createdAtMs;
            answer.attemptedAtMs = now + 2;
            answers << answer;
        }
        const Result<void> completed = store->outbox().complete(answers, now + 6);
        QVERIFY2(completed, qPrintable(completed.error()));
        // d2's answer counts; d1 and d3 go again at once, as redeliver asked.
        QCOMPARE(ids(store->outbox().claim(QStringLiteral("t"), 10, 1, {}, QStringLiteral("me"), 60'000, now + 7).value()), (QStringList{ "d1", "d3" }));
        const QList<OutboxRow> d2 = store->outbox().list(QStringLiteral("t"), QStringLiteral("delivered"), 10).value();
        QCOMPARE(d2.size(), 1);
        QCOMPARE(d2.first().deliveryId, QStringLiteral("d2"));
    }

    void rowsComeWithTheirDeliveryAndInOrder()
    {
        auto store = open(QStringLiteral("order"));
        QVERIFY(store);
        const QList<Delivery> deliveries{ delivery(QStringLiteral("a1"), QStringLiteral("acme/a")),
                                          delivery(QStringLiteral("b1"), QStringLiteral("acme/b")),
                                          delivery(QStringLiteral("a2"), QStringLiteral("acme/a")),
                                          delivery(QStringLiteral("x"), QStringLiteral("acme/c")) };
        const QList<QStringList> targets{ { "t" }, { "t", "u" }, { "t" }, {} };
        QVERIFY(store->ledger().record(deliveries, targets));
        // A duplicate gets no second row.
        QVERIFY(store->ledger().record({ deliveries.first() }, { { "t" } }));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        Result<QList<QList<OutboxWork>>> claimed = store->outbox().claim(QStringLiteral("t"), 10, 1, {}, QStringLiteral("me"), 60'000, now + 1);
        QVERIFY2(claimed, qPrintable(claimed.error()));
        const std::optional<QList<OutboxWork>> first = flat(claimed.value());
        // a2 waits for a1: one row per repository, oldest first.
        QCOMPARE(ids(first.value()), (QStringList{ "a1", "b1" }));
        QCOMPARE(first->first().delivery.body, deliveries.first().body);
        QCOMPARE(first->first().credentials.value(QStringLiteral("X-Gitlab-Token")).toString(), QStringLiteral("t"));
        QCOMPARE(first->first().row.repo, QStringLiteral("acme/a"));
        // A retry later keeps a2 waiting; a delivered a1 lets it go.
        QVERIFY(store->outbox().complete({ { first->at(0).row.id, OutboxTable::Completion::Decision::Retry, 502, QStringLiteral("502"), now + 60'000, 0 },
                                           { first->at(1).row.id, OutboxTable::Completion::Decision::Delivered, 204, {}, 0, 0 } },
                                         now));
        QCOMPARE(ids(store->outbox().claim(QStringLiteral("t"), 10, 1, {}, QStringLiteral("me"), 60'000, now + 2).value()), QStringList());
        const QList<OutboxWork> again = flat(store->outbox().claim(QStringLiteral("t"), 10, 1, {}, QStringLiteral("me"), 60'000, now + 60'001).value());
        QCOMPARE(ids(again), QStringList{ "a1" });
        QCOMPARE(again.first().row.attempts, 1);
        QVERIFY(store->outbox().complete({ { again.first().row.id, OutboxTable::Completion::Decision::Delivered, 204, {}, 0, 0 } }, now));
        QCOMPARE(ids(store->outbox().claim(QStringLiteral("t"), 10, 1, {}, QStringLiteral("me"), 60'000, now + 60'002).value()), QStringList{ "a2" });
        // The other target has its own row.
        QCOMPARE(ids(store->outbox().claim(QStringLiteral("u"), 10, 1, {}, QStringLiteral("me"), 60'000, now + 1).value()), QStringList{ "b1" });
        const auto counts = store->outbox().counts(now + 1000).value();
        QCOMPARE(counts.value(QStringLiteral("t")).pending, 1);
        QCOMPARE(counts.value(QStringLiteral("u")).pending, 1);
    }

    // During a rolling upgrade on a shared database, a newer agent may write rows of a provider
    // this one does not know: they are skipped everywhere (listed nowhere, never claimed, never
    // backfilled), never read as another provider, and a repository's later rows wait behind them.
    void rowsOfAnUnknownProviderAreSkippedNotMisread()
    {
        auto store = open(QStringLiteral("unknown"));
        QVERIFY(store);
        QVERIFY(store->ledger().record({ delivery(QStringLiteral("n1"), QStringLiteral("acme/a")), delivery(QStringLiteral("a2"), QStringLiteral("acme/a")),
                                         delivery(QStringLiteral("b1"), QStringLiteral("acme/b")) },
                                       { { "t" }, { "t" }, { "t" } }));
        Repository repository;
        repository.provider = Provider::GitLab;
        repository.id = QStringLiteral("7");
        repository.fullPath = QStringLiteral("acme/a");
        QVERIFY(store->repositories().upsert(repository));
        QVERIFY(store->hooks().record({ Provider::GitLab, QStringLiteral("7"), QStringLiteral("acme/a"), QStringLiteral("webhook"),
                                     QStringLiteral("70"), QDateTime::currentDateTimeUtc() }));
        // What a newer forgelink would have written: provider "gitea".
        for (const char *table : { "deliveries", "outbox" }) {
            QSqlQuery rename(store->database().connection());
            QVERIFY(rename.exec(QStringLiteral("UPDATE %1 SET provider = 'gitea' WHERE delivery_id = 'n1'").arg(QLatin1String(table))));
            QCOMPARE(rename.numRowsAffected(), 1);
        }
        for (const char *table : { "repositories", "hooks" }) {
            QSqlQuery rename(store->database().connection());
            QVERIFY(rename.exec(QStringLiteral("UPDATE %1 SET provider = 'gitea'").arg(QLatin1String(table))));
        }
        // Each table says so once per process, whichever data rows of this test run.
        static QStringList warnings;
        const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &text) { warnings << text; });
        const auto restore = qScopeGuard([previous] { qInstallMessageHandler(previous); });
        const QList<Delivery> recent = store->ledger().recent(std::nullopt, 10).value();
        QCOMPARE(recent.size(), 2);
        for (const Delivery &listed : recent)
            QVERIFY(listed.deliveryId != u"n1");
        // Said once per table, not per row or call.
        QCOMPARE(store->ledger().recent(std::nullopt, 10).value().size(), 2);
        QVERIFY(store->repositories().list(std::nullopt).value().isEmpty());
        QVERIFY(store->hooks().list(std::nullopt).value().isEmpty());
        const QList<OutboxRow> rows = store->outbox().list(QString(), QString(), 10).value();
        QCOMPARE(rows.size(), 2);
        // The claim: acme/a's head is the unknown row, so a2 waits behind it; acme/b goes.
        const qint64 now = QDateTime::currentMSecsSinceEpoch() + 1;
        QCOMPARE(ids(store->outbox().claim(QStringLiteral("t"), 10, 5, {}, QStringLiteral("me"), 60'000, now).value()), QStringList{ "b1" });
        // Backfilling a new target passes over it.
        const QList<OutboxTable::Unrouted> unrouted = store->outbox().unrouted(QStringLiteral("new"), QStringLiteral("2000-01-01T00:00:00Z"), 0, 10).value();
        QCOMPARE(unrouted.size(), 2);
        for (const OutboxTable::Unrouted &found : unrouted)
            QVERIFY(found.delivery.deliveryId != u"n1");
        const QString said = warnings.join(u'\n');
        for (const char *table : { "deliveries", "repositories", "hooks", "outbox" }) {
            const QString line = QStringLiteral("the %1 table holds rows of provider \"gitea\"").arg(QLatin1String(table));
            QVERIFY2(said.count(line) == 1, qPrintable(said));
        }
    }

    // A run: a repository's head and the rows behind it, in order, up to the first that may not go.
    void runsCarryARepositorysRowsInOrder()
    {
        QFETCH_GLOBAL(QString, backend);
        auto store = open(QStringLiteral("runs"));
        QVERIFY(store);
        QList<Delivery> deliveries;
        QList<QStringList> targets;
        for (int i = 1; i <= 5; ++i) {
            deliveries << delivery(QStringLiteral("a%1").arg(i), QStringLiteral("acme/a"));
            targets << QStringList{ "t" };
        }
        deliveries << delivery(QStringLiteral("b1"), QStringLiteral("acme/b"));
        targets << QStringList{ "t" };
        QVERIFY(store->ledger().record(deliveries, targets));
        const qint64 now = QDateTime::currentMSecsSinceEpoch() + 1;
        const QList<QList<OutboxWork>> runs = store->outbox().claim(QStringLiteral("t"), 10, 3, {}, QStringLiteral("me"), 60'000, now).value();
        QCOMPARE(runs.size(), 2);
        QCOMPARE(ids(runs.at(0)), (QStringList{ "a1", "a2", "a3" }));
        QCOMPARE(ids(runs.at(1)), QStringList{ "b1" });
        // Held rows are not claimed twice; a repository whose head is held waits.
        QSet<qint64> held;
        for (const OutboxWork &work : flat(runs))
            held.insert(work.row.id);
        QCOMPARE(ids(store->outbox().claim(QStringLiteral("t"), 10, 3, held, QStringLiteral("me"), 60'000, now).value()), QStringList());
        // a1 delivered, a2 to be retried later: the run from a2 is empty until then, and a3 waits.
        QVERIFY(store->outbox().complete({ { runs.at(0).at(0).row.id, OutboxTable::Completion::Decision::Delivered, 204, {}, 0, 0 },
                                           { runs.at(0).at(1).row.id, OutboxTable::Completion::Decision::Retry, 503, QStringLiteral("503"), now + 5000, 0 } },
                                         now));
        QCOMPARE(ids(store->outbox().claim(QStringLiteral("t"), 10, 3, {}, QStringLiteral("me"), 60'000, now + 1).value()), QStringList{ "b1" });
        QCOMPARE(store->outbox().nextDueMs(), std::optional<qint64>(now + 5000));
        // This agent's own lease on a3 (PostgreSQL) does not hold back its next claim; another
        // agent's would.
        QCOMPARE(ids(store->outbox().claim(QStringLiteral("t"), 10, 3, {}, QStringLiteral("me"), 60'000, now + 5000).value()),
                 (QStringList{ "a2", "a3", "a4", "b1" }));
        if (backend == u"postgresql") {
            auto other = open(QStringLiteral("runs"), false);
            QVERIFY(other);
            QCOMPARE(ids(other->outbox().claim(QStringLiteral("t"), 10, 3, {}, QStringLiteral("them"), 60'000, now + 5001).value()), QStringList());
        }
    }

    // A claim looks at a window of repositories at a time (4,096 in the agent); behind a window of
    // failing ones, the next claim goes on to the rest, so no repository starves.
    void claimsGoOnPastAWindowOfFailingRepositories()
    {
        auto store = open(QStringLiteral("window"));
        QVERIFY(store);
        store->outbox().setRepositoriesPerClaim(8);
        QList<Delivery> deliveries;
        QList<QStringList> targets;
        for (int i = 0; i < 10; ++i) {
            deliveries << delivery(QStringLiteral("failing%1").arg(i), QStringLiteral("acme/r%1").arg(i, 2, 10, QLatin1Char('0')));
            targets << QStringList{ "t" };
        }
        deliveries << delivery(QStringLiteral("behind"), QStringLiteral("zz/last"));
        targets << QStringList{ "t" };
        QVERIFY(store->ledger().record(deliveries, targets));
        const qint64 now = QDateTime::currentMSecsSinceEpoch() + 1;
        const QList<OutboxWork> failing = flat(store->outbox().claim(QStringLiteral("t"), 10, 1, {}, QStringLiteral("me"), 60'000, now).value());
        QCOMPARE(failing.size(), 8);
        QList<OutboxTable::Completion> retries;
        for (const OutboxWork &work : failing)
            retries << OutboxTable::Completion{ work.row.id, OutboxTable::Completion::Decision::Retry, 502, QStringLiteral("502"), now + 3'600'000, 0 };
        QVERIFY(store->outbox().complete(retries, now));
        // The next claim looks past the eight failing repositories.
        QCOMPARE(ids(store->outbox().claim(QStringLiteral("t"), 10, 1, {}, QStringLiteral("me"), 60'000, now + 1).value()),
                 (QStringList{ "failing8", "failing9", "behind" }));
        // And starts over after the last one.
        QCOMPARE(ids(store->outbox().claim(QStringLiteral("t"), 10, 1, {}, QStringLiteral("me"), 60'000, now + 2).value()), QStringList());
        QCOMPARE(store->outbox().nextDueMs(), std::optional<qint64>(now + 3'600'000));
    }

    // What another connection writes reaches this one's claims: new rows (a backfill) at once, a
    // row put back (`redeliver`, from the command line) within a second, in its repository's order;
    // rows delivered behind a claim's back are never claimed again.
    void rowsWrittenElsewhereAreClaimed()
    {
        auto sender = open(QStringLiteral("elsewhere"));
        auto command = open(QStringLiteral("elsewhere"), false);
        QVERIFY(sender && command);
        QVERIFY(sender->ledger().record({ delivery(QStringLiteral("a1"), QStringLiteral("acme/a")) }, { { "t" } }));
        const qint64 now = QDateTime::currentMSecsSinceEpoch() + 1;
        const QList<OutboxWork> first = flat(sender->outbox().claim(QStringLiteral("t"), 10, 4, {}, QStringLiteral("me"), 60'000, now).value());
        QCOMPARE(ids(first), QStringList{ "a1" });
        QVERIFY(sender->outbox().complete({ { first.first().row.id, OutboxTable::Completion::Decision::Dead, 410, QStringLiteral("410"), 0, 0 } }, now));
        // Recorded by the other connection: claimed by the next claim.
        QVERIFY(command->ledger().record({ delivery(QStringLiteral("a2"), QStringLiteral("acme/a")),
                                           delivery(QStringLiteral("b1"), QStringLiteral("acme/b")) },
                                         { { "t" }, { "t" } }));
        QCOMPARE(ids(sender->outbox().claim(QStringLiteral("t"), 10, 4, {}, QStringLiteral("me"), 60'000, now + 10).value()),
                 (QStringList{ "a2", "b1" }));
        // Those two delivered by the other connection, a1 put back there: a1 goes alone, once.
        const QList<OutboxRow> rows = command->outbox().list(QStringLiteral("t"), QStringLiteral("pending"), 10).value();
        QCOMPARE(rows.size(), 2);
        QVERIFY(command->outbox().complete({ { rows.at(0).id, OutboxTable::Completion::Decision::Delivered, 204, {}, 0, 0 },
                                             { rows.at(1).id, OutboxTable::Completion::Decision::Delivered, 204, {}, 0, 0 } },
                                           now + 20));
        QCOMPARE(command->outbox().requeueDead(QStringLiteral("t"), now + 20).value(), 1);
        QStringList claimed;
        for (qint64 at = now + 30; at <= now + 5'000 && claimed.isEmpty(); at += 100)
            claimed = ids(sender->outbox().claim(QStringLiteral("t"), 10, 4, {}, QStringLiteral("me"), 60'000, at).value());
        QCOMPARE(claimed, QStringList{ "a1" });
    }

    // PostgreSQL: a short lease, renewed while the agent holds the row; a crashed agent's rows
    // (no renewal) go to another agent once it lapsed.
    void renewedLeasesHoldAndLapsedOnesAreTakenOver()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != u"postgresql")
            QSKIP("leases are PostgreSQL's: SQLite has one agent");
        auto first = open(QStringLiteral("renew"));
        auto second = open(QStringLiteral("renew"), false);
        QVERIFY(first && second);
        QVERIFY(first->ledger().record({ delivery(QStringLiteral("held"), QStringLiteral("acme/a")),
                                         delivery(QStringLiteral("dropped"), QStringLiteral("acme/b")) },
                                       { { "t" }, { "t" } }));
        const qint64 now = QDateTime::currentMSecsSinceEpoch() + 1;
        const QList<OutboxWork> mine = flat(first->outbox().claim(QStringLiteral("t"), 10, 1, {}, QStringLiteral("a"), 30'000, now).value());
        QCOMPARE(mine.size(), 2);
        const qint64 held = mine.at(ids(mine).indexOf(QStringLiteral("held"))).row.id;
        QCOMPARE(first->outbox().renewLeases({ held }, QStringLiteral("a"), now + 60'000).value(), 1);
        QCOMPARE(first->outbox().renewLeases({ held }, QStringLiteral("b"), now + 90'000).value(), 0); // not b's
        QCOMPARE(ids(second->outbox().claim(QStringLiteral("t"), 10, 1, {}, QStringLiteral("b"), 30'000, now + 1).value()), QStringList());
        QCOMPARE(ids(second->outbox().claim(QStringLiteral("t"), 10, 1, {}, QStringLiteral("b"), 30'000, now + 30'001).value()),
                 QStringList{ "dropped" });
        // b's own lease on "dropped" does not hold b back; a's lapsed one on "held" no longer does.
        QCOMPARE(ids(second->outbox().claim(QStringLiteral("t"), 10, 1, {}, QStringLiteral("b"), 30'000, now + 60'001).value()),
                 (QStringList{ "held", "dropped" }));
    }

    // Two agents on PostgreSQL: a row claimed by one is leased to it and skipped by the other.
    void twoAgentsClaimDisjointRows()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != u"postgresql")
            QSKIP("leases are PostgreSQL's: SQLite has one agent");
        auto first = open(QStringLiteral("shared"));
        auto second = open(QStringLiteral("shared"), false);
        QVERIFY(first && second);
        QList<Delivery> deliveries;
        QList<QStringList> targets;
        for (int i = 0; i < 20; ++i) {
            deliveries << delivery(QStringLiteral("d%1").arg(i), QStringLiteral("acme/r%1").arg(i));
            targets << QStringList{ "t" };
        }
        QVERIFY(first->ledger().record(deliveries, targets));
        const qint64 now = QDateTime::currentMSecsSinceEpoch() + 1;
        const QStringList mine = ids(first->outbox().claim(QStringLiteral("t"), 12, 1, {}, QStringLiteral("a"), 60'000, now).value());
        const QStringList theirs = ids(second->outbox().claim(QStringLiteral("t"), 12, 1, {}, QStringLiteral("b"), 60'000, now).value());
        QCOMPARE(mine.size(), 12);
        QCOMPARE(theirs.size(), 8);
        for (const QString &id : theirs)
            QVERIFY(!mine.contains(id));
        // A lease that lapsed (its agent crashed) is taken over.
        QCOMPARE(ids(second->outbox().claim(QStringLiteral("t"), 30, 1, {}, QStringLiteral("b"), 60'000, now + 61'000).value()).size(), 20);
    }

    void retentionDeletesOnlyWhatItMay()
    {
        auto store = open(QStringLiteral("retention"));
        QVERIFY(store);
        const QDateTime old = QDateTime::currentDateTimeUtc().addDays(-40);
        QVERIFY(store->ledger().record({ delivery(QStringLiteral("old-done"), QStringLiteral("r"), old),
                                         delivery(QStringLiteral("old-pending"), QStringLiteral("s"), old),
                                         delivery(QStringLiteral("old-unrouted"), QStringLiteral("t"), old),
                                         delivery(QStringLiteral("new"), QStringLiteral("u")) },
                                       { { "t" }, { "t" }, {}, { "t" } }));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QList<OutboxWork> claimed = flat(store->outbox().claim(QStringLiteral("t"), 10, 1, {}, QStringLiteral("me"), 1000, now + 1).value());
        QHash<QString, qint64> rowOf;
        for (const OutboxWork &work : claimed) {
            rowOf.insert(work.row.deliveryId, work.row.id);
            if (work.row.deliveryId == u"old-done" || work.row.deliveryId == u"new")
                QVERIFY(store->outbox().complete({ { work.row.id, OutboxTable::Completion::Decision::Delivered, 204, {}, 0, 0, now - 5, 5,
                                                     QStringLiteral("ok") } },
                                                 now));
        }
        // Every attempt is kept with its row, and goes with it.
        const QList<OutboxAttempt> kept = store->outbox().attempts().forRow(rowOf.value(QStringLiteral("old-done"))).value();
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first().status, std::optional<int>(204));
        QCOMPARE(kept.first().durationMs, 5);
        QCOMPARE(kept.first().answer, QStringLiteral("ok"));
        const QString cutoff = QDateTime::currentDateTimeUtc().addDays(-30).toString(Qt::ISODateWithMs);
        Result<int> pruned = store->outbox().prune(cutoff, 1); // small batches
        QVERIFY2(pruned, qPrintable(pruned.error()));
        QCOMPARE(pruned.value(), 1);
        QCOMPARE(store->outbox().prune(cutoff, 500).value(), 1);
        QCOMPARE(store->outbox().prune(cutoff, 500).value(), 0);
        QStringList left;
        for (const Delivery &kept : store->ledger().recent(std::nullopt, 10).value())
            left << kept.deliveryId;
        left.sort();
        QCOMPARE(left, (QStringList{ "new", "old-pending" }));
        QCOMPARE(store->outbox().list(QStringLiteral("t"), {}, 10).value().size(), 2);
        QVERIFY(store->outbox().attempts().forRow(rowOf.value(QStringLiteral("old-done"))).value().isEmpty());
        QCOMPARE(store->outbox().attempts().forRow(rowOf.value(QStringLiteral("new"))).value().size(), 1);
    }

    // maxPerSecond: a second's worth at once, then one token every 1/rate s; never more.
    void tokenBucketHoldsItsRate()
    {
        TokenBucket bucket(50);
        int taken = 0;
        while (bucket.take(1000))
            ++taken;
        QCOMPARE(taken, 50);
        QCOMPARE(bucket.msUntilNext(1000), qint64(20));
        QVERIFY(!bucket.take(1019));
        QVERIFY(bucket.take(1020));
        // Greedy for ten seconds, a millisecond at a time: 50 a second after the first burst.
        int later = 0;
        for (qint64 at = 1021; at <= 11'020; ++at) {
            while (bucket.take(at))
                ++later;
        }
        QVERIFY2(later >= 499 && later <= 500, qPrintable(QString::number(later)));
        TokenBucket unlimited;
        for (int i = 0; i < 1000; ++i)
            QVERIFY(unlimited.take(0));
        QCOMPARE(unlimited.msUntilNext(0), qint64(0));
    }

    void globs_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("matches");
        QTest::newRow("star crosses slashes") << "acme/*" << "acme/team/app" << true;
        QTest::newRow("prefix") << "pull_request_*" << "pull_request_opened" << true;
        QTest::newRow("whole text") << "push" << "pushed" << false;
        QTest::newRow("question mark") << "refs/tags/v?" << "refs/tags/v1" << true;
        QTest::newRow("question mark is one") << "refs/tags/v?" << "refs/tags/v10" << false;
        QTest::newRow("middle star") << "refs/*/main" << "refs/heads/main" << true;
        QTest::newRow("backtracking") << "*a*b*c" << "xaxbxbxc" << true;
        QTest::newRow("empty text") << "*" << "" << true;
        QTest::newRow("case matters") << "Acme/*" << "acme/app" << false;
    }
    void globs()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, text);
        QFETCH(bool, matches);
        QCOMPARE(Glob::matches(pattern, text), matches);
    }

    // The example from the Standard Webhooks specification's reference implementations.
    void standardWebhooksSignature()
    {
        const QByteArray key = StandardWebhooks::key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        QCOMPARE(StandardWebhooks::signature(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"),
                 QByteArray("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
        // The specification's own secret is 24 bytes: the shortest taken; other text is refused.
        QVERIFY(!StandardWebhooks::secretProblem("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        QVERIFY(StandardWebhooks::secretProblem("plain text secret"));
        QVERIFY(StandardWebhooks::secretProblem("whsec_"));
        QVERIFY(!StandardWebhooks::secretProblem(StandardWebhooks::generateSecret()));
    }
};

QTEST_GUILESS_MAIN(tst_OutboxTable)
#include "tst_outboxtable.moc"

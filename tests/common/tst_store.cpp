#include "store/store.h"
#include "store/walcheckpointer.h"
#include "testdatabases.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QSysInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace forgelink;
using namespace forgelink::test;

class tst_Store : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_opened = 0;
    QSet<QString> m_created;

    bool postgres() const
    {
        QFETCH_GLOBAL(QString, backend);
        return backend == u"postgresql";
    }

    // The same name twice means the same database (reopening); a new name, a new one.
    DatabaseSettings settings(const QString &name = QStringLiteral("forgelink.db"))
    {
        if (!postgres())
            return TestDatabases::sqlite(m_dir.filePath(name));
        const QString database = QStringLiteral("tst_store_") + QString(name).replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9]")), QStringLiteral("_"));
        const bool first = !m_created.contains(database);
        m_created.insert(database);
        const Result<DatabaseSettings> found = TestDatabases::postgres(database, first);
        if (!found)
            qWarning("%s", qPrintable(found.error()));
        return found ? found.value() : DatabaseSettings{};
    }

    std::unique_ptr<Store> open(const QString &name = QStringLiteral("forgelink.db"))
    {
        Result<std::unique_ptr<Store>> store = Store::open(settings(name), QStringLiteral("test-%1").arg(++m_opened));
        if (!store)
            qWarning("%s", qPrintable(store.error()));
        return store ? std::move(store.value()) : nullptr;
    }

    static Delivery delivery(Provider provider, const QString &id, const QString &kind = QStringLiteral("push"))
    {
        Delivery delivery;
        delivery.provider = provider;
        delivery.deliveryId = id;
        delivery.event = QStringLiteral("push");
        delivery.receivedAt = QDateTime::currentDateTimeUtc();
        delivery.headers = QJsonObject{ { QStringLiteral("X-GitHub-Event"), QStringLiteral("push") } };
        delivery.body = "{\"raw\": \"body \xff\"}";
        NormalizedEvent event;
        event.kind = kind;
        event.repo = QStringLiteral("acme/app");
        event.ref = QStringLiteral("refs/heads/main");
        event.pullRequest = 7;
        delivery.events = { event };
        return delivery;
    }

private Q_SLOTS:
    // SQLite: with the connection's own checkpoints off, what is committed stays in the WAL until
    // the checkpointer copies it into the database file.
    void checkpointerCopiesTheLogIntoTheDatabase()
    {
        if (postgres())
            QSKIP("SQLite only: PostgreSQL has no write-ahead log file to copy");
        auto store = open(QStringLiteral("checkpoint.db"));
        QVERIFY(store);
        QVERIFY(store->database().exec(QStringLiteral("PRAGMA wal_autocheckpoint=0")));
        QList<Delivery> deliveries;
        for (int i = 0; i < 200; ++i) {
            Delivery next = delivery(Provider::GitHub, QStringLiteral("ckpt-%1").arg(i));
            next.body = QByteArray(16 * 1024, char('a' + i % 26));
            deliveries << next;
        }
        QVERIFY(store->ledger().record(deliveries));
        const QString path = m_dir.filePath(QStringLiteral("checkpoint.db"));
        const qint64 before = QFileInfo(path).size();
        QVERIFY2(QFileInfo(path + QStringLiteral("-wal")).size() > 3 * 1024 * 1024, "the deliveries are in the WAL");
        QVERIFY2(before < 1024 * 1024, qPrintable(QString::number(before)));
        WalCheckpointer checkpointer(settings(QStringLiteral("checkpoint.db")), 20);
        QVERIFY(checkpointer.start());
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() > 3 * 1024 * 1024, 5'000);
        checkpointer.stop();
    }

    void initTestCase_data() { TestDatabases::addBackendRows(); }

    void init()
    {
        if (postgres() && !TestDatabases::postgresAvailable())
            QSKIP(qPrintable(TestDatabases::postgresMissing()));
    }

    void createsAndMigrates()
    {
        auto store = open(QStringLiteral("sub/folder/new.db"));
        QVERIFY(store);
        QVERIFY(store->schemaVersion() >= 1);
        QCOMPARE(store->isPostgres(), postgres());
        if (postgres())
            return; // the rest is SQLite's durability settings
        QSqlQuery mode(store->database().connection());
        QVERIFY(mode.exec(QStringLiteral("PRAGMA journal_mode")) && mode.next());
        QCOMPARE(mode.value(0).toString(), QStringLiteral("wal"));
        QSqlQuery sync(store->database().connection());
        QVERIFY(sync.exec(QStringLiteral("PRAGMA synchronous")) && sync.next());
        QCOMPARE(sync.value(0).toInt(), 2); // FULL
    }

    void recordsOnceAndKeepsEverything()
    {
        auto store = open();
        QVERIFY(store);
        const Result<QList<Store::Recorded>> first = store->ledger().record(
                { delivery(Provider::GitHub, QStringLiteral("a")), delivery(Provider::GitLab, QStringLiteral("a")),
                  delivery(Provider::GitHub, QStringLiteral("a")) });
        QVERIFY2(first, qPrintable(first.error()));
        // The same id at another provider is another delivery; the same id twice in one batch is one.
        QCOMPARE(first.value(), (QList<Store::Recorded>{ Store::Recorded::New, Store::Recorded::New, Store::Recorded::Duplicate }));
        const Result<QList<Store::Recorded>> again = store->ledger().record({ delivery(Provider::GitHub, QStringLiteral("a")) });
        QCOMPARE(again.value(), QList<Store::Recorded>{ Store::Recorded::Duplicate });
        QCOMPARE(store->ledger().count().value(), 2);

        const Result<QList<Delivery>> stored = store->ledger().recent(Provider::GitHub, 10);
        QVERIFY(stored);
        QCOMPARE(stored->size(), 1);
        const Delivery expected = delivery(Provider::GitHub, QStringLiteral("a"));
        QCOMPARE(stored->first().body, expected.body);
        QCOMPARE(stored->first().events, expected.events);
        QCOMPARE(stored->first().headers, expected.headers);
    }

    void newestFirstWithLimit()
    {
        auto store = open(QStringLiteral("order.db"));
        for (int i = 0; i < 5; ++i)
            QVERIFY(store->ledger().record({ delivery(Provider::Bitbucket, QString::number(i)) }));
        const Result<QList<Delivery>> latest = store->ledger().recent(std::nullopt, 3);
        QCOMPARE(latest->size(), 3);
        QCOMPARE(latest->at(0).deliveryId, QStringLiteral("4"));
        QCOMPARE(latest->at(2).deliveryId, QStringLiteral("2"));
        QCOMPARE(store->ledger().recent(Provider::GitHub, 3)->size(), 0);
    }

    void survivesReopening()
    {
        {
            auto store = open(QStringLiteral("persist.db"));
            QVERIFY(store->ledger().record({ delivery(Provider::AzureDevOps, QStringLiteral("kept")) }));
        }
        auto reopened = open(QStringLiteral("persist.db"));
        QCOMPARE(reopened->ledger().recent(std::nullopt, 10)->first().deliveryId, QStringLiteral("kept"));
    }

    void aFailedBatchRecordsNothing()
    {
        auto store = open(QStringLiteral("fail.db"));
        QSqlQuery trigger(store->database().connection());
        if (postgres()) {
            QVERIFY(trigger.exec(QStringLiteral("CREATE FUNCTION refuse_bad() RETURNS trigger AS $$ BEGIN IF NEW.delivery_id = 'bad' "
                                                "THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql")));
            QVERIFY(trigger.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON deliveries FOR EACH ROW EXECUTE FUNCTION refuse_bad()")));
        } else {
            QVERIFY(trigger.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON deliveries WHEN NEW.delivery_id = 'bad'"
                                                " BEGIN SELECT RAISE(ABORT, 'refused by test'); END")));
        }
        const auto result = store->ledger().record({ delivery(Provider::GitHub, QStringLiteral("good")),
                                                      delivery(Provider::GitHub, QStringLiteral("bad")) });
        QVERIFY(!result);
        QVERIFY2(result.error().contains(QStringLiteral("refused by test")), qPrintable(result.error()));
        QCOMPARE(store->ledger().count().value(), 0);
        QVERIFY(store->ledger().record({ delivery(Provider::GitHub, QStringLiteral("good")) }));
        QCOMPARE(store->ledger().count().value(), 1);
    }

    void locksExcludeAndOutliveNoCrash()
    {
        auto first = open(QStringLiteral("locks.db"));
        auto second = open(QStringLiteral("locks.db"));
        QVERIFY(first && second);
        QVERIFY(first->leases().tryTake(QStringLiteral("sync"), QStringLiteral("agent-a"), 60).value());
        QVERIFY(first->leases().tryTake(QStringLiteral("sync"), QStringLiteral("agent-a"), 60).value()); // a refresh
        QVERIFY(!second->leases().tryTake(QStringLiteral("sync"), QStringLiteral("agent-b"), 60).value());
        QVERIFY(first->leases().release(QStringLiteral("sync"), QStringLiteral("agent-a")));
        QVERIFY(second->leases().tryTake(QStringLiteral("sync"), QStringLiteral("agent-b"), 60).value());
        QVERIFY(second->leases().release(QStringLiteral("sync"), QStringLiteral("agent-b")));

        // A holder that died without releasing: PostgreSQL drops its session lock with its
        // connection; on SQLite the lease of a dead process on this machine is taken over.
        const QString dead = QSysInfo::machineHostName() + QStringLiteral(":999999");
        QVERIFY(first->leases().tryTake(QStringLiteral("sync"), dead, 3600).value());
        first.reset();
        // PostgreSQL's backend notices the closed connection a moment later, then drops the lock.
        QTRY_VERIFY_WITH_TIMEOUT(second->leases().tryTake(QStringLiteral("sync"), QStringLiteral("agent-b"), 60).value(), 5000);
        if (!postgres()) {
            QVERIFY(second->leases().release(QStringLiteral("sync"), QStringLiteral("agent-b")));
            QVERIFY(second->leases().tryTake(QStringLiteral("sync"), QStringLiteral("elsewhere:1"), 3600).value());
            auto third = open(QStringLiteral("locks.db"));
            QVERIFY(!third->leases().tryTake(QStringLiteral("sync"), QStringLiteral("agent-c"), 60).value()); // another host: wait
        }
    }

    void refusesANewerSchema()
    {
        {
            auto store = open(QStringLiteral("future.db"));
            QSqlQuery query(store->database().connection());
            QVERIFY(query.exec(QStringLiteral("UPDATE forgelink_schema SET version = 999")));
        }
        Result<std::unique_ptr<Store>> store = Store::open(settings(QStringLiteral("future.db")), QStringLiteral("future"));
        QVERIFY(!store);
        QVERIFY2(store.error().contains(QStringLiteral("schema version 999")), qPrintable(store.error()));
    }

    void unwritableLocationIsAnError()
    {
        DatabaseSettings bad = settings();
        bad.sqlitePath = QStringLiteral("/proc/forgelink/x.db");
        bad.port = 1; // nothing listens there
        Result<std::unique_ptr<Store>> store = Store::open(bad, QStringLiteral("bad"));
        QVERIFY(!store);
        QVERIFY(!store.error().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_Store)
#include "tst_store.moc"

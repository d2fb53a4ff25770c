#include "store.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QVariant>

namespace forgelink {

namespace {

// Each migration is a list of statements, applied once, in order. Dialect differences are the
// few types that differ; everything else is plain SQL both databases accept.
struct Migration {
    QStringList sqlite;
    QStringList postgres;
};

QList<Migration> migrations()
{
    return {
        { { QStringLiteral("CREATE TABLE deliveries ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " provider TEXT NOT NULL, delivery_id TEXT NOT NULL, event TEXT NOT NULL,"
                           " received_at TEXT NOT NULL, headers TEXT NOT NULL, body BLOB NOT NULL,"
                           " events TEXT NOT NULL, UNIQUE (provider, delivery_id))"),
            QStringLiteral("CREATE INDEX deliveries_by_provider ON deliveries (provider, id)") },
          { QStringLiteral("CREATE TABLE deliveries ("
                           " id BIGSERIAL PRIMARY KEY,"
                           " provider TEXT NOT NULL, delivery_id TEXT NOT NULL, event TEXT NOT NULL,"
                           " received_at TEXT NOT NULL, headers TEXT NOT NULL, body BYTEA NOT NULL,"
                           " events TEXT NOT NULL, UNIQUE (provider, delivery_id))"),
            QStringLiteral("CREATE INDEX deliveries_by_provider ON deliveries (provider, id)") } },
    };
}

// PostgreSQL: one agent migrates while the others wait (several replicas start at once).
constexpr qint64 kMigrationLockKey = 0x666f72676531; // "forge1"

QByteArray eventsJson(const NormalizedEvents &events)
{
    QJsonArray list;
    for (const NormalizedEvent &event : events)
        list.append(event.toJson());
    return QJsonDocument(list).toJson(QJsonDocument::Compact);
}

} // namespace

Result<std::unique_ptr<Store>> Store::open(const DatabaseSettings &settings, const QString &connectionName)
{
    std::unique_ptr<Store> store(new Store);
    store->m_connectionName = connectionName;
    store->m_postgres = settings.driver == u"QPSQL";
    if (!QSqlDatabase::isDriverAvailable(settings.driver))
        return fail(QStringLiteral("database driver %1 is not installed (Debian: %2)")
                            .arg(settings.driver, store->m_postgres ? QStringLiteral("libqt6sql6-psql")
                                                                    : QStringLiteral("libqt6sql6-sqlite")));
    store->m_db = QSqlDatabase::addDatabase(settings.driver, connectionName);
    if (store->m_postgres) {
        store->m_db.setHostName(settings.host);
        store->m_db.setPort(settings.port);
        store->m_db.setUserName(settings.user);
        store->m_db.setDatabaseName(settings.name);
        store->m_db.setPassword(QString::fromUtf8(settings.password));
        store->m_db.setConnectOptions(settings.options.isEmpty() ? QStringLiteral("connect_timeout=5")
                                                                 : settings.options + QStringLiteral(";connect_timeout=5"));
    } else {
        const QFileInfo file(settings.sqlitePath);
        if (!QDir().mkpath(file.absolutePath()))
            return fail(QStringLiteral("cannot create the folder %1 for the database").arg(file.absolutePath()));
        store->m_db.setDatabaseName(settings.sqlitePath);
        store->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
    if (!store->m_db.open())
        return fail(store->error(QStringLiteral("cannot open the database %1").arg(settings.displayName()),
                                 store->m_db.lastError()));
    if (Result<void> configured = store->configure(); !configured)
        return fail(configured.error());
    if (Result<void> migrated = store->migrate(); !migrated)
        return fail(migrated.error());
    return store;
}

Store::~Store()
{
    m_insertDelivery.reset();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString Store::error(const QString &what, const QSqlError &error) const
{
    return QStringLiteral("%1: %2").arg(what, error.text().trimmed());
}

Result<void> Store::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return fail(error(QStringLiteral("database statement failed"), query.lastError()));
    return {};
}

Result<void> Store::configure()
{
    if (m_postgres)
        return {};
    // WAL lets readers (`events`, `repos`) run beside the agent; synchronous=FULL syncs the WAL at
    // every commit, so an acknowledged delivery survives a power loss, not only a crash.
    for (const QString &pragma : { QStringLiteral("PRAGMA page_size=16384"), QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL"),
                                   QStringLiteral("PRAGMA foreign_keys=ON") }) {
        if (Result<void> done = exec(pragma); !done)
            return done;
    }
    return {};
}

Result<void> Store::migrate()
{
    if (m_postgres) {
        if (Result<void> locked = exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kMigrationLockKey)); !locked)
            return locked;
    }
    auto unlock = [this] {
        if (m_postgres)
            (void)exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kMigrationLockKey));
    };

    if (Result<void> created = exec(QStringLiteral("CREATE TABLE IF NOT EXISTS forgelink_schema (version INTEGER NOT NULL)"));
        !created) {
        unlock();
        return created;
    }
    // SQLite: BEGIN IMMEDIATE takes the write lock now, so two agents cannot both migrate.
    if (!m_postgres) {
        if (Result<void> begun = exec(QStringLiteral("BEGIN IMMEDIATE")); !begun)
            return begun;
    } else if (!m_db.transaction()) {
        unlock();
        return fail(error(QStringLiteral("cannot start a transaction"), m_db.lastError()));
    }
    auto rollback = [this, &unlock](const QString &message) -> Result<void> {
        if (m_postgres)
            m_db.rollback();
        else
            (void)exec(QStringLiteral("ROLLBACK"));
        unlock();
        return fail(message);
    };

    QSqlQuery version(m_db);
    if (!version.exec(QStringLiteral("SELECT version FROM forgelink_schema")))
        return rollback(error(QStringLiteral("cannot read the schema version"), version.lastError()));
    int current = 0;
    bool hasRow = false;
    if (version.next()) {
        current = version.value(0).toInt();
        hasRow = true;
    }
    version.finish();
    const QList<Migration> all = migrations();
    if (current > all.size())
        return rollback(QStringLiteral("the database has schema version %1, newer than this forgelink-agent "
                                       "knows (%2); upgrade the agent")
                                .arg(current)
                                .arg(all.size()));
    for (int i = current; i < all.size(); ++i) {
        for (const QString &sql : m_postgres ? all.at(i).postgres : all.at(i).sqlite) {
            QSqlQuery statement(m_db);
            if (!statement.exec(sql))
                return rollback(error(QStringLiteral("migration %1 failed").arg(i + 1), statement.lastError()));
        }
    }
    QSqlQuery write(m_db);
    const QString sql = hasRow ? QStringLiteral("UPDATE forgelink_schema SET version = %1")
                               : QStringLiteral("INSERT INTO forgelink_schema (version) VALUES (%1)");
    if (!write.exec(sql.arg(all.size())))
        return rollback(error(QStringLiteral("cannot record the schema version"), write.lastError()));
    write.finish();
    const bool committed = m_postgres ? m_db.commit() : exec(QStringLiteral("COMMIT")).ok();
    if (!committed)
        return rollback(error(QStringLiteral("cannot commit the schema"), m_db.lastError()));
    unlock();
    m_schemaVersion = int(all.size());
    return {};
}

int Store::schemaVersion() const
{
    return m_schemaVersion;
}

Result<QList<Store::Recorded>> Store::recordDeliveries(const QList<Delivery> &deliveries)
{
    if (!m_insertDelivery) {
        m_insertDelivery = std::make_unique<QSqlQuery>(m_db);
        if (!m_insertDelivery->prepare(QStringLiteral(
                    "INSERT INTO deliveries (provider, delivery_id, event, received_at, headers, body, events)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider, delivery_id) DO NOTHING"))) {
            const QString message = error(QStringLiteral("cannot prepare the delivery insert"), m_insertDelivery->lastError());
            m_insertDelivery.reset();
            return fail(message);
        }
    }
    if (!m_db.transaction())
        return fail(error(QStringLiteral("cannot start a transaction"), m_db.lastError()));
    QList<Recorded> outcomes;
    outcomes.reserve(deliveries.size());
    for (const Delivery &delivery : deliveries) {
        QSqlQuery &insert = *m_insertDelivery;
        insert.bindValue(0, providerId(delivery.provider));
        insert.bindValue(1, delivery.deliveryId);
        insert.bindValue(2, delivery.event);
        insert.bindValue(3, delivery.receivedAt.toUTC().toString(Qt::ISODateWithMs));
        insert.bindValue(4, QString::fromUtf8(QJsonDocument(delivery.headers).toJson(QJsonDocument::Compact)));
        insert.bindValue(5, delivery.body);
        insert.bindValue(6, QString::fromUtf8(eventsJson(delivery.events)));
        if (!insert.exec()) {
            const QString message = error(QStringLiteral("cannot record a delivery"), insert.lastError());
            m_db.rollback();
            m_insertDelivery.reset(); // a broken connection may have invalidated it
            return fail(message);
        }
        outcomes << (insert.numRowsAffected() > 0 ? Recorded::New : Recorded::Duplicate);
    }
    if (!m_db.commit()) {
        const QString message = error(QStringLiteral("cannot commit deliveries"), m_db.lastError());
        m_db.rollback();
        m_insertDelivery.reset();
        return fail(message);
    }
    return outcomes;
}

Result<QList<Delivery>> Store::recentDeliveries(std::optional<Provider> provider, int limit)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT provider, delivery_id, event, received_at, headers, body, events FROM deliveries %1"
                                 " ORDER BY id DESC LIMIT ?")
                          .arg(provider ? QStringLiteral("WHERE provider = ?") : QString()));
    int index = 0;
    if (provider)
        query.bindValue(index++, providerId(*provider));
    query.bindValue(index, limit);
    if (!query.exec())
        return fail(error(QStringLiteral("cannot read deliveries"), query.lastError()));
    QList<Delivery> deliveries;
    while (query.next()) {
        Delivery delivery;
        delivery.provider = providerFromId(query.value(0).toString()).value_or(Provider::GitHub);
        delivery.deliveryId = query.value(1).toString();
        delivery.event = query.value(2).toString();
        delivery.receivedAt = QDateTime::fromString(query.value(3).toString(), Qt::ISODateWithMs);
        delivery.headers = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
        delivery.body = query.value(5).toByteArray();
        for (const QJsonValue &event : QJsonDocument::fromJson(query.value(6).toString().toUtf8()).array())
            delivery.events << NormalizedEvent::fromJson(event.toObject());
        deliveries << delivery;
    }
    return deliveries;
}

Result<qint64> Store::deliveryCount(std::optional<Provider> provider)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries %1").arg(provider ? QStringLiteral("WHERE provider = ?") : QString()));
    if (provider)
        query.bindValue(0, providerId(*provider));
    if (!query.exec() || !query.next())
        return fail(error(QStringLiteral("cannot count deliveries"), query.lastError()));
    return query.value(0).toLongLong();
}

Result<void> Store::reconnect()
{
    m_insertDelivery.reset();
    m_db.close();
    if (!m_db.open())
        return fail(error(QStringLiteral("cannot reconnect to the database"), m_db.lastError()));
    return configure();
}

Result<void> Store::ping()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT 1")) || !query.next())
        return fail(error(QStringLiteral("the database does not answer"), query.lastError()));
    return {};
}

} // namespace forgelink

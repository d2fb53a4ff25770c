#include "store/store.h"

#include "store/sqlitestatement.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QSysInfo>
#include <QThread>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QVariant>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <csignal>
#include <cstring>

namespace forgelink {

namespace {

// Each migration is a list of statements, applied once, in order. Dialect differences are the
// few types that differ; everything else is plain SQL both databases accept.
struct Migration {
    QStringList sqlite;
    QStringList postgres;
};

QStringList repositoryTables(const QString &serialKey)
{
    return {
        QStringLiteral("CREATE TABLE repositories ("
                       " provider TEXT NOT NULL, repo_id TEXT NOT NULL, full_path TEXT NOT NULL, name TEXT,"
                       " default_branch TEXT, visibility TEXT, archived INTEGER, web_url TEXT, clone_url TEXT,"
                       " access_level INTEGER, first_seen TEXT NOT NULL, updated_at TEXT NOT NULL,"
                       " PRIMARY KEY (provider, repo_id))"),
        QStringLiteral("CREATE INDEX repositories_by_path ON repositories (provider, full_path)"),
        QStringLiteral("CREATE TABLE sync_runs (id %1, provider TEXT NOT NULL, started_at TEXT NOT NULL,"
                       " finished_at TEXT, outcome TEXT NOT NULL, added INTEGER NOT NULL DEFAULT 0,"
                       " updated INTEGER NOT NULL DEFAULT 0, removed INTEGER NOT NULL DEFAULT 0,"
                       " unchanged INTEGER NOT NULL DEFAULT 0, api_calls INTEGER NOT NULL DEFAULT 0, error TEXT)")
                .arg(serialKey),
        QStringLiteral("CREATE TABLE api_cache (url TEXT PRIMARY KEY, etag TEXT NOT NULL, item_ids TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE locks (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL)"),
    };
}

// The hooks forgelink created, by the provider's ids, so detach removes exactly those.
QStringList hookTables()
{
    return { QStringLiteral("CREATE TABLE hooks (provider TEXT NOT NULL, repo_id TEXT NOT NULL, full_path TEXT NOT NULL,"
                            " kind TEXT NOT NULL, hook_id TEXT NOT NULL, created_at TEXT NOT NULL,"
                            " PRIMARY KEY (provider, repo_id, kind))") };
}

// Webhook secrets during and after a rotation, which override the config's for every agent on
// the database until the config catches up.
QStringList secretTables()
{
    return { QStringLiteral("CREATE TABLE webhook_secrets (provider TEXT PRIMARY KEY, secrets TEXT NOT NULL, updated_at TEXT NOT NULL)") };
}

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
        { repositoryTables(QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")),
          repositoryTables(QStringLiteral("BIGSERIAL PRIMARY KEY")) },
        { hookTables(), hookTables() },
        { secretTables(), secretTables() },
    };
}

// The database holds payloads and, after a rotation, webhook secrets: a new one is created 0600 in a
// folder created 0700, whatever the umask. SQLite gives its -wal and -shm files the database's
// mode.
Result<void> createPrivately(const QString &databasePath)
{
    const QFileInfo file(databasePath);
    QStringList missing;
    for (QDir dir(file.absolutePath()); !dir.exists(); dir.setPath(QFileInfo(dir.absolutePath()).absolutePath())) {
        missing.prepend(dir.absolutePath());
        if (dir.isRoot())
            break;
    }
    for (const QString &folder : std::as_const(missing)) {
        if (::mkdir(QFile::encodeName(folder).constData(), 0700) != 0 && errno != EEXIST)
            return fail(QStringLiteral("cannot create the folder %1 for the database: %2").arg(folder, QString::fromLocal8Bit(std::strerror(errno))));
        ::chmod(QFile::encodeName(folder).constData(), 0700);
    }
    const int fd = ::open(QFile::encodeName(file.absoluteFilePath()).constData(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::fchmod(fd, 0600);
        ::close(fd);
    } else if (errno != EEXIST) {
        return fail(QStringLiteral("cannot create the database %1: %2").arg(file.absoluteFilePath(), QString::fromLocal8Bit(std::strerror(errno))));
    }
    return {};
}

// PostgreSQL: one agent migrates while the others wait (several replicas start at once).
constexpr qint64 kMigrationLockKey = 0x666f72676531; // "forge1"

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
        if (Result<void> created = createPrivately(settings.sqlitePath); !created)
            return fail(created.error());
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
    // every commit, so an acknowledged delivery survives a power loss, not only a crash. The
    // writer copies the WAL into the database every 100 pages (1.6 MiB) rather than SQLite's 1,000:
    // the same work in short pauses, so no group commit waits behind a long checkpoint (p99 under
    // load fell from 37 ms to 8 ms in bench/webhook-throughput.sh).
    for (const QString &pragma : { QStringLiteral("PRAGMA page_size=16384"), QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL"),
                                   QStringLiteral("PRAGMA foreign_keys=ON"), QStringLiteral("PRAGMA wal_autocheckpoint=100") }) {
        // Switching to WAL does not wait for another process that opens the same new file at the
        // same moment (SQLite skips the busy handler there), so wait here, up to the busy timeout.
        Result<void> done = exec(pragma);
        for (int attempt = 0; !done && done.error().contains(QStringLiteral("locked")) && attempt < 200; ++attempt) {
            QThread::msleep(50);
            done = exec(pragma);
        }
        if (!done)
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
    if (m_postgres)
        return recordDeliveriesInBulk(deliveries);
    if (!m_insertDelivery) {
        auto prepared = SqliteStatement::prepare(m_db, "INSERT INTO deliveries (provider, delivery_id, event, received_at, headers, body, events)"
                                                       " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider, delivery_id) DO NOTHING");
        if (!prepared)
            return fail(QStringLiteral("cannot prepare the delivery insert: %1").arg(prepared.error()));
        m_insertDelivery = std::move(prepared).value();
    }
    if (!m_db.transaction())
        return fail(error(QStringLiteral("cannot start a transaction"), m_db.lastError()));
    QList<Recorded> outcomes;
    outcomes.reserve(deliveries.size());
    for (const Delivery &delivery : deliveries) {
        const QByteArray provider = providerId(delivery.provider).toUtf8();
        const QByteArray deliveryId = delivery.deliveryId.toUtf8();
        const QByteArray event = delivery.event.toUtf8();
        const QByteArray receivedAt = delivery.receivedAt.toUTC().toString(Qt::ISODateWithMs).toUtf8();
        const QByteArray headers = delivery.headersJsonText();
        const QByteArray events = delivery.eventsJsonText();
        SqliteStatement &insert = *m_insertDelivery;
        insert.bindText(1, provider);
        insert.bindText(2, deliveryId);
        insert.bindText(3, event);
        insert.bindText(4, receivedAt);
        insert.bindText(5, headers);
        insert.bindBlob(6, delivery.body);
        insert.bindText(7, events);
        const Result<int> changed = insert.execute();
        if (!changed) {
            m_db.rollback();
            m_insertDelivery.reset(); // a broken connection may have invalidated it
            return fail(QStringLiteral("cannot record a delivery: %1").arg(changed.error()));
        }
        outcomes << (changed.value() > 0 ? Recorded::New : Recorded::Duplicate);
    }
    if (!m_db.commit()) {
        const QString message = error(QStringLiteral("cannot commit deliveries"), m_db.lastError());
        m_db.rollback();
        m_insertDelivery.reset();
        return fail(message);
    }
    return outcomes;
}

// PostgreSQL: one INSERT ... RETURNING per chunk, so a group commit costs one round trip per chunk
// rather than one per delivery. The rows it returns are the new ones.
Result<QList<Store::Recorded>> Store::recordDeliveriesInBulk(const QList<Delivery> &deliveries)
{
    constexpr qsizetype kChunk = 100;
    if (!m_db.transaction())
        return fail(error(QStringLiteral("cannot start a transaction"), m_db.lastError()));
    QSet<QPair<QString, QString>> inserted;
    for (qsizetype start = 0; start < deliveries.size(); start += kChunk) {
        const qsizetype count = std::min(kChunk, deliveries.size() - start);
        QStringList rows;
        for (qsizetype i = 0; i < count; ++i)
            rows << QStringLiteral("(?, ?, ?, ?, ?, ?, ?)");
        QSqlQuery insert(m_db);
        insert.prepare(QStringLiteral("INSERT INTO deliveries (provider, delivery_id, event, received_at, headers, body, events) VALUES %1"
                                      " ON CONFLICT (provider, delivery_id) DO NOTHING RETURNING provider, delivery_id")
                               .arg(rows.join(QLatin1Char(','))));
        for (qsizetype i = start; i < start + count; ++i) {
            const Delivery &delivery = deliveries.at(i);
            insert.addBindValue(providerId(delivery.provider));
            insert.addBindValue(delivery.deliveryId);
            insert.addBindValue(delivery.event);
            insert.addBindValue(delivery.receivedAt.toUTC().toString(Qt::ISODateWithMs));
            insert.addBindValue(QString::fromUtf8(delivery.headersJsonText()));
            insert.addBindValue(delivery.body);
            insert.addBindValue(QString::fromUtf8(delivery.eventsJsonText()));
        }
        if (!insert.exec()) {
            const QString message = error(QStringLiteral("cannot record deliveries"), insert.lastError());
            m_db.rollback();
            return fail(message);
        }
        while (insert.next())
            inserted.insert({ insert.value(0).toString(), insert.value(1).toString() });
    }
    if (!m_db.commit()) {
        const QString message = error(QStringLiteral("cannot commit deliveries"), m_db.lastError());
        m_db.rollback();
        return fail(message);
    }
    // The first of a batch's copies of one delivery is the new one; the others are duplicates.
    QList<Recorded> outcomes;
    outcomes.reserve(deliveries.size());
    for (const Delivery &delivery : deliveries)
        outcomes << (inserted.remove({ providerId(delivery.provider), delivery.deliveryId }) ? Recorded::New : Recorded::Duplicate);
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

namespace {

Repository repositoryFromRow(const QSqlQuery &query)
{
    // Columns: provider, repo_id, full_path, name, default_branch, visibility, archived, web_url,
    // clone_url, access_level
    Repository repository;
    repository.provider = providerFromId(query.value(0).toString()).value_or(Provider::GitHub);
    repository.id = query.value(1).toString();
    repository.fullPath = query.value(2).toString();
    repository.name = query.value(3).toString();
    repository.defaultBranch = query.value(4).toString();
    repository.visibility = query.value(5).toString();
    if (!query.value(6).isNull())
        repository.archived = query.value(6).toInt() != 0;
    repository.webUrl = query.value(7).toString();
    repository.cloneUrl = query.value(8).toString();
    if (!query.value(9).isNull())
        repository.accessLevel = query.value(9).toInt();
    return repository;
}

const char kRepositoryColumns[] = "provider, repo_id, full_path, name, default_branch, visibility, archived, web_url, "
                                  "clone_url, access_level";

QVariant nullable(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(value);
}

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

Result<QList<Repository>> Store::repositories(std::optional<Provider> provider)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM repositories %2 ORDER BY provider, full_path")
                          .arg(QLatin1String(kRepositoryColumns), provider ? QStringLiteral("WHERE provider = ?") : QString()));
    if (provider)
        query.bindValue(0, providerId(*provider));
    if (!query.exec())
        return fail(error(QStringLiteral("cannot read repositories"), query.lastError()));
    QList<Repository> list;
    while (query.next())
        list << repositoryFromRow(query);
    return list;
}

Result<RepositoryCache> Store::repositoryCache(Provider provider)
{
    Result<QList<Repository>> list = repositories(provider);
    if (!list)
        return fail(list.error());
    RepositoryCache cache;
    for (const Repository &repository : list.value())
        cache.repositories.insert(repository.id, repository);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT url, etag, item_ids FROM api_cache WHERE url LIKE ?"));
    query.bindValue(0, providerId(provider) + QStringLiteral(" %"));
    if (!query.exec())
        return fail(error(QStringLiteral("cannot read the page cache"), query.lastError()));
    while (query.next()) {
        // Keys are "<provider> <url>"; the caller sees the URL.
        const QString key = query.value(0).toString();
        cache.pages.insert(key.mid(key.indexOf(QLatin1Char(' ')) + 1),
                           CachedPage{ query.value(1).toString(),
                                       query.value(2).toString().split(QLatin1Char(','), Qt::SkipEmptyParts) });
    }
    return cache;
}

Result<void> Store::writeRepository(const Repository &repository, bool exists, const QString &now)
{
    QSqlQuery query(m_db);
    if (exists) {
        query.prepare(QStringLiteral("UPDATE repositories SET full_path = ?, name = ?, default_branch = ?, visibility = ?,"
                                     " archived = ?, web_url = ?, clone_url = ?, access_level = ?, updated_at = ?"
                                     " WHERE provider = ? AND repo_id = ?"));
    } else {
        query.prepare(QStringLiteral("INSERT INTO repositories (full_path, name, default_branch, visibility, archived,"
                                     " web_url, clone_url, access_level, updated_at, provider, repo_id, first_seen)"
                                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    }
    query.addBindValue(repository.fullPath);
    query.addBindValue(nullable(repository.name));
    query.addBindValue(nullable(repository.defaultBranch));
    query.addBindValue(nullable(repository.visibility));
    query.addBindValue(repository.archived ? QVariant(int(*repository.archived)) : QVariant(QMetaType(QMetaType::Int)));
    query.addBindValue(nullable(repository.webUrl));
    query.addBindValue(nullable(repository.cloneUrl));
    query.addBindValue(repository.accessLevel ? QVariant(*repository.accessLevel) : QVariant(QMetaType(QMetaType::Int)));
    query.addBindValue(now);
    query.addBindValue(providerId(repository.provider));
    query.addBindValue(repository.id);
    if (!exists)
        query.addBindValue(now);
    if (!query.exec())
        return fail(error(QStringLiteral("cannot write repository %1").arg(repository.fullPath), query.lastError()));
    return {};
}

Result<Store::SyncCounts> Store::applyListing(Provider provider, const RepositoryListing &listing)
{
    Result<RepositoryCache> cache = repositoryCache(provider);
    if (!cache)
        return fail(cache.error());
    if (!m_db.transaction())
        return fail(error(QStringLiteral("cannot start a transaction"), m_db.lastError()));
    auto abort = [this](const QString &message) -> Result<SyncCounts> {
        m_db.rollback();
        return fail(message);
    };
    const QString now = nowText();
    SyncCounts counts;
    QHash<QString, Repository> existing = cache->repositories;
    QSet<QString> listed;
    for (const Repository &repository : listing.repositories) {
        if (listed.contains(repository.id))
            continue; // a repository on two pages of a shifting listing counts once
        listed.insert(repository.id);
        const auto old = existing.constFind(repository.id);
        if (old != existing.constEnd() && old->sameData(repository)) {
            ++counts.unchanged;
            continue;
        }
        if (Result<void> written = writeRepository(repository, old != existing.constEnd(), now); !written)
            return abort(written.error());
        ++(old != existing.constEnd() ? counts.updated : counts.added);
    }
    QSqlQuery remove(m_db);
    remove.prepare(QStringLiteral("DELETE FROM repositories WHERE provider = ? AND repo_id = ?"));
    for (auto it = existing.constBegin(); it != existing.constEnd(); ++it) {
        if (listed.contains(it.key()))
            continue;
        remove.bindValue(0, providerId(provider));
        remove.bindValue(1, it.key());
        if (!remove.exec())
            return abort(error(QStringLiteral("cannot remove repository %1").arg(it->fullPath), remove.lastError()));
        ++counts.removed;
    }
    for (auto it = listing.pages.constBegin(); it != listing.pages.constEnd(); ++it) {
        const QString key = providerId(provider) + QLatin1Char(' ') + it.key();
        const auto cached = cache->pages.constFind(it.key());
        if (cached != cache->pages.constEnd() && cached->etag == it->etag && cached->ids == it->ids)
            continue;
        QSqlQuery page(m_db);
        page.prepare(QStringLiteral("INSERT INTO api_cache (url, etag, item_ids) VALUES (?, ?, ?)"
                                    " ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, item_ids = excluded.item_ids"));
        page.addBindValue(key);
        page.addBindValue(it->etag);
        page.addBindValue(it->ids.join(QLatin1Char(',')));
        if (!page.exec())
            return abort(error(QStringLiteral("cannot write the page cache"), page.lastError()));
    }
    if (!m_db.commit())
        return abort(error(QStringLiteral("cannot commit the repository listing"), m_db.lastError()));
    return counts;
}

Result<void> Store::upsertRepository(const Repository &repository)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT %1 FROM repositories WHERE provider = ? AND repo_id = ?").arg(QLatin1String(kRepositoryColumns)));
    query.addBindValue(providerId(repository.provider));
    query.addBindValue(repository.id);
    if (!query.exec())
        return fail(error(QStringLiteral("cannot read repository %1").arg(repository.fullPath), query.lastError()));
    const bool exists = query.next();
    if (exists && repositoryFromRow(query).sameData(repository))
        return {};
    query.finish();
    return writeRepository(repository, exists, nowText());
}

Result<bool> Store::hasRepository(Provider provider, const QString &id)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT 1 FROM repositories WHERE provider = ? AND repo_id = ?"));
    query.addBindValue(providerId(provider));
    query.addBindValue(id);
    if (!query.exec())
        return fail(error(QStringLiteral("cannot read repository %1").arg(id), query.lastError()));
    return query.next();
}

Result<int> Store::removeRepository(Provider provider, const QString &id)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM repositories WHERE provider = ? AND repo_id = ?"));
    query.addBindValue(providerId(provider));
    query.addBindValue(id);
    if (!query.exec())
        return fail(error(QStringLiteral("cannot remove repository %1").arg(id), query.lastError()));
    return query.numRowsAffected();
}

Result<int> Store::removeRepositoryByPath(Provider provider, const QString &fullPath)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM repositories WHERE provider = ? AND full_path = ?"));
    query.addBindValue(providerId(provider));
    query.addBindValue(fullPath);
    if (!query.exec())
        return fail(error(QStringLiteral("cannot remove repository %1").arg(fullPath), query.lastError()));
    return query.numRowsAffected();
}

Result<qint64> Store::startSyncRun(Provider provider)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO sync_runs (provider, started_at, outcome) VALUES (?, ?, 'running')"));
    query.addBindValue(providerId(provider));
    query.addBindValue(nowText());
    if (!query.exec())
        return fail(error(QStringLiteral("cannot record the sync run"), query.lastError()));
    if (m_postgres) {
        QSqlQuery id(m_db);
        if (!id.exec(QStringLiteral("SELECT lastval()")) || !id.next())
            return fail(error(QStringLiteral("cannot read the sync run id"), id.lastError()));
        return id.value(0).toLongLong();
    }
    return query.lastInsertId().toLongLong();
}

Result<void> Store::finishSyncRun(qint64 id, bool succeeded, const SyncCounts &counts, int apiCalls, const QString &error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE sync_runs SET finished_at = ?, outcome = ?, added = ?, updated = ?, removed = ?,"
                                 " unchanged = ?, api_calls = ?, error = ? WHERE id = ?"));
    query.addBindValue(nowText());
    query.addBindValue(succeeded ? QStringLiteral("succeeded") : QStringLiteral("failed"));
    query.addBindValue(counts.added);
    query.addBindValue(counts.updated);
    query.addBindValue(counts.removed);
    query.addBindValue(counts.unchanged);
    query.addBindValue(apiCalls);
    query.addBindValue(nullable(error));
    query.addBindValue(id);
    if (!query.exec())
        return fail(this->error(QStringLiteral("cannot record the sync run"), query.lastError()));
    return {};
}

Result<QList<Store::SyncRun>> Store::latestSyncRuns()
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, provider, started_at, finished_at, outcome, added, updated, removed, unchanged,"
                                   " api_calls, error FROM sync_runs WHERE id IN (SELECT MAX(id) FROM sync_runs GROUP BY provider)"
                                   " ORDER BY provider")))
        return fail(error(QStringLiteral("cannot read sync runs"), query.lastError()));
    QList<SyncRun> runs;
    while (query.next()) {
        SyncRun run;
        run.id = query.value(0).toLongLong();
        run.provider = providerFromId(query.value(1).toString()).value_or(Provider::GitHub);
        run.startedAt = QDateTime::fromString(query.value(2).toString(), Qt::ISODateWithMs);
        run.finishedAt = QDateTime::fromString(query.value(3).toString(), Qt::ISODateWithMs);
        run.outcome = query.value(4).toString();
        run.counts = { query.value(5).toInt(), query.value(6).toInt(), query.value(7).toInt(), query.value(8).toInt() };
        run.apiCalls = query.value(9).toInt();
        run.error = query.value(10).toString();
        runs << run;
    }
    return runs;
}

namespace {

// "host:pid" of a holder on this machine whose process has died.
bool holderIsDead(const QString &holder)
{
    const QString host = holder.section(QLatin1Char(':'), 0, 0);
    const qint64 pid = holder.section(QLatin1Char(':'), 1).toLongLong();
    if (pid <= 0 || host != QSysInfo::machineHostName())
        return false;
    return ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
}

qint64 lockKey(const QString &name)
{
    const QByteArray digest = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256);
    qint64 key = 0;
    std::memcpy(&key, digest.constData(), sizeof(key));
    return key;
}

} // namespace

QString Store::thisProcess()
{
    return QStringLiteral("%1:%2").arg(QSysInfo::machineHostName()).arg(QCoreApplication::applicationPid());
}

Result<bool> Store::tryLock(const QString &name, const QString &holder, int ttlSeconds)
{
    if (m_postgres) {
        // A session lock: PostgreSQL releases it when a crashed agent's connection goes.
        if (m_heldLocks.contains(name))
            return true;
        QSqlQuery query(m_db);
        if (!query.exec(QStringLiteral("SELECT pg_try_advisory_lock(%1)").arg(lockKey(name))) || !query.next())
            return fail(error(QStringLiteral("cannot take the lock %1").arg(name), query.lastError()));
        if (query.value(0).toBool())
            m_heldLocks.insert(name);
        return query.value(0).toBool();
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QSqlQuery query(m_db);
    // Taken when free, lapsed, or already ours (a refresh).
    query.prepare(QStringLiteral("INSERT INTO locks (name, holder, expires_at) VALUES (?, ?, ?)"
                                 " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at"
                                 " WHERE locks.expires_at < ? OR locks.holder = excluded.holder"));
    query.addBindValue(name);
    query.addBindValue(holder);
    query.addBindValue(now + ttlSeconds);
    query.addBindValue(now);
    if (!query.exec())
        return fail(error(QStringLiteral("cannot take the lock %1").arg(name), query.lastError()));
    if (query.numRowsAffected() > 0)
        return true;
    // A holder on this machine that was killed never released its lease: take it over.
    QSqlQuery current(m_db);
    current.prepare(QStringLiteral("SELECT holder FROM locks WHERE name = ?"));
    current.addBindValue(name);
    if (!current.exec() || !current.next())
        return false;
    const QString stale = current.value(0).toString();
    current.finish();
    if (!holderIsDead(stale))
        return false;
    QSqlQuery takeOver(m_db);
    takeOver.prepare(QStringLiteral("UPDATE locks SET holder = ?, expires_at = ? WHERE name = ? AND holder = ?"));
    takeOver.addBindValue(holder);
    takeOver.addBindValue(now + ttlSeconds);
    takeOver.addBindValue(name);
    takeOver.addBindValue(stale);
    if (!takeOver.exec())
        return fail(error(QStringLiteral("cannot take over the lock %1").arg(name), takeOver.lastError()));
    return takeOver.numRowsAffected() > 0;
}

Result<void> Store::unlock(const QString &name, const QString &holder)
{
    if (m_postgres) {
        if (!m_heldLocks.remove(name))
            return {};
        QSqlQuery query(m_db);
        if (!query.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(lockKey(name))))
            return fail(error(QStringLiteral("cannot release the lock %1").arg(name), query.lastError()));
        return {};
    }
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM locks WHERE name = ? AND holder = ?"));
    query.addBindValue(name);
    query.addBindValue(holder);
    if (!query.exec())
        return fail(error(QStringLiteral("cannot release the lock %1").arg(name), query.lastError()));
    return {};
}

Result<void> Store::recordHook(const HookRecord &hook)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO hooks (provider, repo_id, full_path, kind, hook_id, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                                 " ON CONFLICT (provider, repo_id, kind) DO UPDATE SET hook_id = excluded.hook_id,"
                                 " full_path = excluded.full_path"));
    query.addBindValue(providerId(hook.provider));
    query.addBindValue(hook.repoId);
    query.addBindValue(hook.fullPath);
    query.addBindValue(hook.kind);
    query.addBindValue(hook.hookId);
    query.addBindValue(hook.createdAt.isValid() ? hook.createdAt.toUTC().toString(Qt::ISODateWithMs) : nowText());
    if (!query.exec())
        return fail(error(QStringLiteral("cannot record the hook of %1").arg(hook.fullPath), query.lastError()));
    return {};
}

Result<QList<HookRecord>> Store::hooks(std::optional<Provider> provider, const QString &repoId)
{
    QStringList conditions;
    if (provider)
        conditions << QStringLiteral("provider = ?");
    if (!repoId.isEmpty())
        conditions << QStringLiteral("repo_id = ?");
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT provider, repo_id, full_path, kind, hook_id, created_at FROM hooks %1 ORDER BY provider, full_path, kind")
                          .arg(conditions.isEmpty() ? QString() : QStringLiteral("WHERE ") + conditions.join(QStringLiteral(" AND "))));
    if (provider)
        query.addBindValue(providerId(*provider));
    if (!repoId.isEmpty())
        query.addBindValue(repoId);
    if (!query.exec())
        return fail(error(QStringLiteral("cannot read hooks"), query.lastError()));
    QList<HookRecord> list;
    while (query.next())
        list << HookRecord{ providerFromId(query.value(0).toString()).value_or(Provider::GitHub), query.value(1).toString(),
                            query.value(2).toString(), query.value(3).toString(), query.value(4).toString(),
                            QDateTime::fromString(query.value(5).toString(), Qt::ISODateWithMs) };
    return list;
}

Result<void> Store::removeHookRecord(Provider provider, const QString &repoId, const QString &kind)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM hooks WHERE provider = ? AND repo_id = ? AND kind = ?"));
    query.addBindValue(providerId(provider));
    query.addBindValue(repoId);
    query.addBindValue(kind);
    if (!query.exec())
        return fail(error(QStringLiteral("cannot remove a hook record"), query.lastError()));
    return {};
}

Result<std::optional<Repository>> Store::findRepository(Provider provider, const QString &idOrPath)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT %1 FROM repositories WHERE provider = ? AND (repo_id = ? OR full_path = ?)")
                          .arg(QLatin1String(kRepositoryColumns)));
    query.addBindValue(providerId(provider));
    query.addBindValue(idOrPath);
    query.addBindValue(idOrPath);
    if (!query.exec())
        return fail(error(QStringLiteral("cannot read repository %1").arg(idOrPath), query.lastError()));
    if (!query.next())
        return std::optional<Repository>();
    return std::optional<Repository>(repositoryFromRow(query));
}

Result<void> Store::setWebhookSecrets(Provider provider, const QList<QByteArray> &secrets)
{
    QJsonArray list;
    for (const QByteArray &secret : secrets)
        list.append(QString::fromUtf8(secret));
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO webhook_secrets (provider, secrets, updated_at) VALUES (?, ?, ?)"
                                 " ON CONFLICT (provider) DO UPDATE SET secrets = excluded.secrets, updated_at = excluded.updated_at"));
    query.addBindValue(providerId(provider));
    query.addBindValue(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact)));
    query.addBindValue(nowText());
    if (!query.exec())
        return fail(error(QStringLiteral("cannot store the webhook secrets"), query.lastError()));
    return {};
}

Result<QHash<Provider, QList<QByteArray>>> Store::webhookSecrets()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT provider, secrets FROM webhook_secrets")))
        return fail(error(QStringLiteral("cannot read the webhook secrets"), query.lastError()));
    QHash<Provider, QList<QByteArray>> secrets;
    while (query.next()) {
        const auto provider = providerFromId(query.value(0).toString());
        if (!provider)
            continue;
        QList<QByteArray> list;
        for (const QJsonValue &secret : QJsonDocument::fromJson(query.value(1).toString().toUtf8()).array())
            list << secret.toString().toUtf8();
        if (!list.isEmpty())
            secrets.insert(*provider, list);
    }
    return secrets;
}

Result<void> Store::reconnect()
{
    m_insertDelivery.reset();
    m_db.close();
    if (!m_db.open())
        return fail(error(QStringLiteral("cannot reconnect to the database"), m_db.lastError()));
    return configure();
}

Result<void> Store::writeProbe()
{
    if (!m_db.transaction())
        return fail(error(QStringLiteral("cannot start a transaction"), m_db.lastError()));
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("UPDATE forgelink_schema SET version = version"))) {
        const QString message = error(QStringLiteral("cannot write"), query.lastError());
        m_db.rollback();
        return fail(message);
    }
    query.finish();
    if (!m_db.commit()) {
        const QString message = error(QStringLiteral("cannot commit"), m_db.lastError());
        m_db.rollback();
        return fail(message);
    }
    return {};
}

Result<void> Store::ping()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT 1")) || !query.next())
        return fail(error(QStringLiteral("the database does not answer"), query.lastError()));
    return {};
}

} // namespace forgelink

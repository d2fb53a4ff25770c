#include "store/database.h"

#include "store/schema.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace forgelink {

namespace {

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

Result<std::unique_ptr<Database>> Database::open(const DatabaseSettings &settings, const QString &connectionName)
{
    std::unique_ptr<Database> store(new Database);
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

Database::~Database()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString Database::error(const QString &what, const QSqlError &error) const
{
    return QStringLiteral("%1: %2").arg(what, error.text().trimmed());
}

Result<void> Database::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return fail(error(QStringLiteral("database statement failed"), query.lastError()));
    return {};
}

Result<void> Database::configure()
{
    if (m_postgres)
        return {};
    // WAL lets readers (`events`, `repos`) run beside the agent; synchronous=FULL syncs the WAL at
    // every commit, so an acknowledged delivery survives a power loss, not only a crash. A
    // connection that commits copies the WAL into the database every 100 pages (1.6 MiB) rather
    // than SQLite's 1,000: the same work in short pauses (p99 under load fell from 37 ms to 8 ms in
    // bench/webhook-throughput.sh). The agent's delivery writer leaves it to WalCheckpointer.
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

Result<void> Database::migrate()
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
    const QList<Migration> all = Schema::migrations();
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

Result<void> Database::reconnect()
{
    m_db.close();
    if (!m_db.open())
        return fail(error(QStringLiteral("cannot reconnect to the database"), m_db.lastError()));
    return configure();
}

Result<void> Database::writeProbe()
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

Result<void> Database::ping()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT 1")) || !query.next())
        return fail(error(QStringLiteral("the database does not answer"), query.lastError()));
    return {};
}

QVariant Database::nullable(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(value);
}

QString Database::now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace forgelink

#pragma once

#include "core/result.h"
#include "store/databasesettings.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <memory>

class QSqlError;

namespace forgelink {

// One connection to the agent's database on QtSql: SQLite (WAL, a synced commit) by default,
// PostgreSQL for several replicas. It opens, configures and migrates the schema (Schema), and
// reconnects after the database went away. The tables' own classes (DeliveryLedger,
// RepositoryTable, ...) work over it. It belongs to the thread that opened it.
class Database {
public:
    // Opens the database and brings its schema up to date. `connectionName` must be unique per
    // thread.
    static Result<std::unique_ptr<Database>> open(const DatabaseSettings &settings, const QString &connectionName);
    ~Database();

    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase &connection() { return m_db; }
    bool isPostgres() const { return m_postgres; }
    int schemaVersion() const { return m_schemaVersion; }

    Result<void> exec(const QString &sql);
    // "what: the driver's message"
    QString error(const QString &what, const QSqlError &error) const;

    // A round trip to the database: is it there and answering?
    Result<void> ping();
    // A small committed write: can the database take one now (a full disk cannot)?
    Result<void> writeProbe();
    // Closes and opens the connection again, after the database went away.
    Result<void> reconnect();

    // A null for an empty text, and now as the database keeps times (UTC, ISO 8601 with ms).
    static QVariant nullable(const QString &value);
    static QString now();

private:
    Database() = default;
    Result<void> configure();
    Result<void> migrate();

    QSqlDatabase m_db;
    QString m_connectionName;
    bool m_postgres = false;
    int m_schemaVersion = 0;
};

} // namespace forgelink

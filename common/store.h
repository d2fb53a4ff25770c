#pragma once

#include "agentconfig.h"
#include "delivery.h"
#include "result.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>
#include <optional>

namespace forgelink {

// The agent's database on QtSql: SQLite (WAL, a synced commit) by default, PostgreSQL for several
// replicas. One Store is one connection and belongs to the thread that opened it.
class Store {
public:
    enum class Recorded { New, Duplicate };

    // Opens the database and brings its schema up to date. `connectionName` must be unique per
    // thread.
    static Result<std::unique_ptr<Store>> open(const DatabaseSettings &settings, const QString &connectionName);
    ~Store();

    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    int schemaVersion() const;
    bool isPostgres() const { return m_postgres; }

    // Records the deliveries in one transaction (a group commit). A delivery whose provider and
    // delivery id are already stored is left as it was and reported as a duplicate. On error
    // nothing is recorded.
    Result<QList<Recorded>> recordDeliveries(const QList<Delivery> &deliveries);

    // Newest first.
    Result<QList<Delivery>> recentDeliveries(std::optional<Provider> provider, int limit);
    Result<qint64> deliveryCount(std::optional<Provider> provider = std::nullopt);

    // A round trip to the database: is it there and answering?
    Result<void> ping();
    // Closes and opens the connection again, after the database went away.
    Result<void> reconnect();

    QSqlDatabase database() const { return m_db; }

private:
    Store() = default;
    Result<void> configure();
    Result<void> migrate();
    Result<void> exec(const QString &sql);
    QString error(const QString &what, const QSqlError &error) const;

    QSqlDatabase m_db;
    QString m_connectionName;
    bool m_postgres = false;
    int m_schemaVersion = 0;
    std::unique_ptr<QSqlQuery> m_insertDelivery;
};

} // namespace forgelink

#pragma once

#include "webhooks/delivery.h"

#include <QStringList>

#include <memory>
#include <optional>

#include "result.h"
#include "store/database.h"

namespace forgelink {

class SqliteStatement;

// The ledger of webhook deliveries: each recorded once per provider and delivery id, with its
// kept headers, raw body and normalized events.
class DeliveryLedger {
public:
    explicit DeliveryLedger(Database &database);
    ~DeliveryLedger();

    enum class Recorded { New, Duplicate };

    // Records the deliveries in one transaction (a group commit). A delivery whose provider and
    // delivery id are already stored is left as it was and reported as a duplicate. On error
    // nothing is recorded.
    Result<QList<Recorded>> record(const QList<Delivery> &deliveries);
    // Newest first.
    Result<QList<Delivery>> recent(std::optional<Provider> provider, int limit);
    Result<qint64> count(std::optional<Provider> provider = std::nullopt);
    // After a reconnect: prepared statements belong to the old connection.
    void forgetStatements();

    static QStringList tables(bool postgres);

private:
    QSqlDatabase &db() { return m_database.connection(); }

    Database &m_database;
    Result<QList<Recorded>> recordInBulk(const QList<Delivery> &deliveries);

    std::unique_ptr<SqliteStatement> m_insert; // SQLite only
};

} // namespace forgelink

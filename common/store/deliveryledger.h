#pragma once

#include "webhooks/delivery.h"

#include <QHash>
#include <QSqlQuery>
#include <QStringList>

#include <memory>
#include <optional>

#include "core/result.h"
#include "store/database.h"
#include "store/outboxtable.h"

namespace forgelink {

class SqliteStatement;

// The ledger of webhook deliveries: each recorded once per provider and delivery id, with its
// kept headers, raw body and normalized events.
class DeliveryLedger {
public:
    DeliveryLedger(Database &database, OutboxTable &outbox);
    ~DeliveryLedger();

    enum class Recorded { New, Duplicate };

    // Records the deliveries in one transaction (a group commit). A delivery whose provider and
    // delivery id are already stored is left as it was and reported as a duplicate. On error
    // nothing is recorded.
    // `targets` names, per delivery, the forward targets it goes to: the outbox rows of the new
    // ones are written in the same transaction, and so are `answers`, the outbox sender's.
    Result<QList<Recorded>> record(const QList<Delivery> &deliveries, const QList<QStringList> &targets = {},
                                   const QList<OutboxTable::Completion> &answers = {});
    // Newest first.
    Result<QList<Delivery>> recent(std::optional<Provider> provider, int limit);
    Result<qint64> count(std::optional<Provider> provider = std::nullopt);
    // Deliveries received since a moment (RFC 3339, UTC), per provider.
    Result<QHash<Provider, qint64>> countSince(const QString &receivedSince);
    Result<std::optional<Delivery>> find(Provider provider, const QString &deliveryId);
    // After a reconnect: prepared statements belong to the old connection.
    void forgetStatements();

    // A delivery from the columns provider, delivery_id, event, received_at, headers, body, events
    // starting at column `first`; none for a provider this forgelink does not know.
    static std::optional<Delivery> fromRow(const QSqlQuery &query, int first);

private:
    QSqlDatabase &db() { return m_database.connection(); }

    Database &m_database;
    Result<QList<Recorded>> recordInBulk(const QList<Delivery> &deliveries, const QList<QStringList> &targets,
                                         const QList<OutboxTable::Completion> &answers);
    Result<void> updateOutbox(const QList<Delivery> &deliveries, const QList<Recorded> &outcomes, const QList<QStringList> &targets,
                              const QList<OutboxTable::Completion> &answers);

    OutboxTable &m_outbox;
    std::unique_ptr<SqliteStatement> m_insert; // SQLite only
};

} // namespace forgelink

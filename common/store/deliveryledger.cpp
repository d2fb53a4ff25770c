#include "store/deliveryledger.h"

#include "store/sqlitestatement.h"
#include "store/storedprovider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QDateTime>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace forgelink {

DeliveryLedger::DeliveryLedger(Database &database, OutboxTable &outbox) : m_database(database), m_outbox(outbox) { }

DeliveryLedger::~DeliveryLedger() = default;

void DeliveryLedger::forgetStatements()
{
    m_insert.reset();
}

Result<QList<DeliveryLedger::Recorded>> DeliveryLedger::record(const QList<Delivery> &deliveries, const QList<QStringList> &targets,
                                                               const QList<OutboxTable::Completion> &answers)
{
    if (m_database.isPostgres())
        return recordInBulk(deliveries, targets, answers);
    if (!m_insert) {
        auto prepared = SqliteStatement::prepare(db(), "INSERT INTO deliveries (provider, delivery_id, event, received_at, headers, body, events,"
                                                       " credentials) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider, delivery_id) DO NOTHING");
        if (!prepared)
            return fail(QStringLiteral("cannot prepare the delivery insert: %1").arg(prepared.error()));
        m_insert = std::move(prepared).value();
    }
    if (!db().transaction())
        return fail(m_database.error(QStringLiteral("cannot start a transaction"), db().lastError()));
    QList<Recorded> outcomes;
    outcomes.reserve(deliveries.size());
    for (const Delivery &delivery : deliveries) {
        const QByteArray provider = providerId(delivery.provider).toUtf8();
        const QByteArray deliveryId = delivery.deliveryId.toUtf8();
        const QByteArray event = delivery.event.toUtf8();
        const QByteArray receivedAt = delivery.receivedAt.toUTC().toString(Qt::ISODateWithMs).toUtf8();
        const QByteArray headers = delivery.headersJsonText();
        const QByteArray events = delivery.eventsJsonText();
        const QByteArray credentials = delivery.credentialsJsonText();
        SqliteStatement &insert = *m_insert;
        insert.bindText(1, provider);
        insert.bindText(2, deliveryId);
        insert.bindText(3, event);
        insert.bindText(4, receivedAt);
        insert.bindText(5, headers);
        insert.bindBlob(6, delivery.body);
        insert.bindText(7, events);
        insert.bindText(8, credentials);
        const Result<int> changed = insert.execute();
        if (!changed) {
            db().rollback();
            m_insert.reset(); // a broken connection may have invalidated it
            return fail(QStringLiteral("cannot record a delivery: %1").arg(changed.error()));
        }
        outcomes << (changed.value() > 0 ? Recorded::New : Recorded::Duplicate);
    }
    if (Result<void> queued = updateOutbox(deliveries, outcomes, targets, answers); !queued) {
        db().rollback();
        m_insert.reset();
        return fail(queued.error());
    }
    if (!db().commit()) {
        const QString message = m_database.error(QStringLiteral("cannot commit deliveries"), db().lastError());
        db().rollback();
        m_insert.reset();
        return fail(message);
    }
    return outcomes;
}

// The new deliveries' outbox rows, in the transaction that records them: nothing is sent before
// the delivery is committed, and nothing committed is left without its rows. The sender's answers
// ride along (SQLite has one writer).
Result<void> DeliveryLedger::updateOutbox(const QList<Delivery> &deliveries, const QList<Recorded> &outcomes,
                                          const QList<QStringList> &targets, const QList<OutboxTable::Completion> &answers)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (Result<void> applied = m_outbox.applyAnswers(answers, now); !applied)
        return applied;
    QList<OutboxTable::Entry> entries;
    for (qsizetype i = 0; i < targets.size() && i < deliveries.size(); ++i) {
        if (outcomes.at(i) != Recorded::New || targets.at(i).isEmpty())
            continue;
        const Delivery &delivery = deliveries.at(i);
        entries << OutboxTable::Entry{ delivery.provider, delivery.deliveryId,
                                       delivery.events.isEmpty() ? QString() : delivery.events.first().repo, targets.at(i) };
    }
    if (entries.isEmpty())
        return {};
    return m_outbox.enqueue(entries, now);
}

Result<QList<DeliveryLedger::Recorded>> DeliveryLedger::recordInBulk(const QList<Delivery> &deliveries, const QList<QStringList> &targets,
                                                                     const QList<OutboxTable::Completion> &answers)
{
    constexpr qsizetype kChunk = 100;
    if (!db().transaction())
        return fail(m_database.error(QStringLiteral("cannot start a transaction"), db().lastError()));
    QSet<QPair<QString, QString>> inserted;
    for (qsizetype start = 0; start < deliveries.size(); start += kChunk) {
        const qsizetype count = std::min(kChunk, deliveries.size() - start);
        QStringList rows;
        for (qsizetype i = 0; i < count; ++i)
            rows << QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?)");
        QSqlQuery insert(db());
        insert.prepare(QStringLiteral("INSERT INTO deliveries (provider, delivery_id, event, received_at, headers, body, events, credentials) VALUES %1"
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
            insert.addBindValue(QString::fromUtf8(delivery.credentialsJsonText()));
        }
        if (!insert.exec()) {
            const QString message = m_database.error(QStringLiteral("cannot record deliveries"), insert.lastError());
            db().rollback();
            return fail(message);
        }
        while (insert.next())
            inserted.insert({ insert.value(0).toString(), insert.value(1).toString() });
    }
    // The first of a batch's copies of one delivery is the new one; the others are duplicates.
    QList<Recorded> outcomes;
    outcomes.reserve(deliveries.size());
    for (const Delivery &delivery : deliveries)
        outcomes << (inserted.remove({ providerId(delivery.provider), delivery.deliveryId }) ? Recorded::New : Recorded::Duplicate);
    if (Result<void> queued = updateOutbox(deliveries, outcomes, targets, answers); !queued) {
        db().rollback();
        return fail(queued.error());
    }
    if (!db().commit()) {
        const QString message = m_database.error(QStringLiteral("cannot commit deliveries"), db().lastError());
        db().rollback();
        return fail(message);
    }
    return outcomes;
}

Result<QList<Delivery>> DeliveryLedger::recent(std::optional<Provider> provider, int limit)
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT provider, delivery_id, event, received_at, headers, body, events FROM deliveries %1"
                                 " ORDER BY id DESC LIMIT ?")
                          .arg(provider ? QStringLiteral("WHERE provider = ?") : QString()));
    int index = 0;
    if (provider)
        query.bindValue(index++, providerId(*provider));
    query.bindValue(index, limit);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot read deliveries"), query.lastError()));
    QList<Delivery> deliveries;
    while (query.next()) {
        if (std::optional<Delivery> delivery = fromRow(query, 0))
            deliveries << std::move(*delivery);
    }
    return deliveries;
}

Result<std::optional<Delivery>> DeliveryLedger::find(Provider provider, const QString &deliveryId)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT provider, delivery_id, event, received_at, headers, body, events, credentials FROM deliveries"
                                 " WHERE provider = ? AND delivery_id = ?"));
    query.addBindValue(providerId(provider));
    query.addBindValue(deliveryId);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot read deliveries"), query.lastError()));
    if (!query.next())
        return std::optional<Delivery>();
    std::optional<Delivery> found = fromRow(query, 0);
    if (found)
        found->credentials = QJsonDocument::fromJson(query.value(7).toString().toUtf8()).object();
    return found;
}

std::optional<Delivery> DeliveryLedger::fromRow(const QSqlQuery &query, int first)
{
    const std::optional<Provider> provider = StoredProvider::read(query.value(first), "deliveries");
    if (!provider)
        return std::nullopt;
    Delivery delivery;
    delivery.provider = *provider;
    delivery.deliveryId = query.value(first + 1).toString();
    delivery.event = query.value(first + 2).toString();
    delivery.receivedAt = QDateTime::fromString(query.value(first + 3).toString(), Qt::ISODateWithMs);
    delivery.headers = QJsonDocument::fromJson(query.value(first + 4).toString().toUtf8()).object();
    delivery.body = query.value(first + 5).toByteArray();
    for (const QJsonValue &event : QJsonDocument::fromJson(query.value(first + 6).toString().toUtf8()).array())
        delivery.events << NormalizedEvent::fromJson(event.toObject());
    return delivery;
}

Result<QHash<Provider, qint64>> DeliveryLedger::countSince(const QString &receivedSince)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT provider, COUNT(*) FROM deliveries WHERE received_at >= ? GROUP BY provider"));
    query.addBindValue(receivedSince);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot count deliveries"), query.lastError()));
    QHash<Provider, qint64> counts;
    while (query.next()) {
        if (const auto provider = StoredProvider::read(query.value(0), "deliveries"))
            counts.insert(*provider, query.value(1).toLongLong());
    }
    return counts;
}

Result<qint64> DeliveryLedger::count(std::optional<Provider> provider)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries %1").arg(provider ? QStringLiteral("WHERE provider = ?") : QString()));
    if (provider)
        query.bindValue(0, providerId(*provider));
    if (!query.exec() || !query.next())
        return fail(m_database.error(QStringLiteral("cannot count deliveries"), query.lastError()));
    return query.value(0).toLongLong();
}

} // namespace forgelink

#include "forward/redelivery.h"

#include "forward/forwardrouter.h"
#include "store/store.h"

namespace forgelink {

Redelivery::Redelivery(Store &store, QList<Provider> enabledProviders)
    : m_store(store), m_enabledProviders(std::move(enabledProviders))
{
}

Result<Redelivery::Counts> Redelivery::run(const ForwardTarget &target, const Selection &selection, qint64 nowMs)
{
    OutboxTable &rows = m_store.outbox();
    const bool one = selection.provider.has_value();
    Result<int> requeued = selection.dead ? rows.requeueDead(target.name, nowMs)
            : one                         ? rows.requeueDelivery(target.name, *selection.provider, selection.deliveryId, nowMs)
                                          : rows.requeueSince(target.name, selection.since.toUTC().toString(Qt::ISODateWithMs), nowMs);
    if (!requeued)
        return fail(requeued.error());
    Counts counts{ requeued.value(), 0 };
    if (one && counts.requeued == 0) {
        Result<std::optional<Delivery>> found = m_store.ledger().find(*selection.provider, selection.deliveryId);
        if (!found)
            return fail(found.error());
        if (!found->has_value())
            return fail(QStringLiteral("%1:%2 is not in the ledger").arg(providerId(*selection.provider), selection.deliveryId));
        const QList<OutboxTable::Entry> entry{ { *selection.provider, selection.deliveryId, ForwardRouter::orderingKey(**found), { target.name } } };
        if (Result<void> queued = rows.enqueue(entry, nowMs); !queued)
            return fail(queued.error());
        counts.created = 1;
    } else if (!selection.dead && !one) {
        Result<int> created = createMissing(target, selection.since, nowMs);
        if (!created)
            return fail(created.error());
        counts.created = created.value();
    }
    return counts;
}

Result<int> Redelivery::createMissing(const ForwardTarget &target, const QDateTime &since, qint64 nowMs)
{
    OutboxTable &rows = m_store.outbox();
    const QString from = since.toUTC().toString(Qt::ISODateWithMs);
    int created = 0;
    qint64 after = 0;
    for (;;) {
        Result<QList<OutboxTable::Unrouted>> batch = rows.unrouted(target.name, from, after, kBatchSize);
        if (!batch)
            return fail(batch.error());
        QList<OutboxTable::Entry> entries;
        for (const OutboxTable::Unrouted &found : batch.value()) {
            after = found.rowId;
            if (ForwardRouter::matches(target, m_enabledProviders, found.delivery))
                entries << OutboxTable::Entry{ found.delivery.provider, found.delivery.deliveryId, ForwardRouter::orderingKey(found.delivery),
                                               { target.name } };
        }
        if (Result<void> queued = rows.enqueue(entries, nowMs); !queued)
            return fail(queued.error());
        created += int(entries.size());
        if (batch->size() < kBatchSize)
            return created;
    }
}

} // namespace forgelink

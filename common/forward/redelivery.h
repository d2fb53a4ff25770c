#pragma once

#include "core/result.h"
#include "forward/forwardtarget.h"

#include <QDateTime>

#include <optional>

namespace forgelink {

class Store;

// `redeliver`: puts a target's rows back to pending. For one delivery or a time, it also gives
// the target the deliveries that have no row for it (a target added later), by its filters.
class Redelivery {
public:
    // Exactly one of: a delivery (provider and id), the dead rows, or a time.
    struct Selection {
        std::optional<Provider> provider;
        QString deliveryId;
        bool dead = false;
        QDateTime since;
    };
    struct Counts {
        int requeued = 0;
        int created = 0;
    };

    Redelivery(Store &store, QList<Provider> enabledProviders);

    Result<Counts> run(const ForwardTarget &target, const Selection &selection, qint64 nowMs);

private:
    // Deliveries read at a time while looking for those without a row.
    static constexpr int kBatchSize = 500;

    Result<int> createMissing(const ForwardTarget &target, const QDateTime &since, qint64 nowMs);

    Store &m_store;
    QList<Provider> m_enabledProviders;
};

} // namespace forgelink

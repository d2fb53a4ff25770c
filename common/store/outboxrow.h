#pragma once

#include "core/provider.h"
#include "webhooks/delivery.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace forgelink {

// One delivery on its way to one forward target: pending until the target accepted it
// (delivered), or until it gave up (dead: 410, or older than the target's maxAgeHours).
struct OutboxRow {
    qint64 id = 0;
    QString target;
    Provider provider = Provider::GitHub;
    QString deliveryId;
    QString repo; // the delivery's rows for one target go out in order per repository
    QString state; // pending, delivered, dead
    int attempts = 0;
    int progress = 0; // format event: how many of the delivery's matching events were accepted
    std::optional<int> lastStatus;
    QString lastError;
    qint64 nextAttemptAtMs = 0;
    qint64 createdAtMs = 0;
    qint64 lastAttemptAtMs = 0; // 0: never attempted

    // {"target","provider","deliveryId","repo","state","attempts","lastStatus","lastError",
    //  "nextAttemptAt","createdAt","lastAttemptAt"}: what `outbox --json` prints.
    QJsonObject toJson() const;
};

// A claimed row with the delivery it carries.
struct OutboxWork {
    OutboxRow row;
    Delivery delivery;
    QJsonObject credentials; // the provider's signature or credential headers as received
};

} // namespace forgelink

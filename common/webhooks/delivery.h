#pragma once

#include "core/provider.h"
#include "webhooks/normalizedevent.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace forgelink {

// One webhook delivery as the ledger keeps it: keyed by provider and the provider's delivery id.
struct Delivery {
    Provider provider = Provider::GitHub;
    QString deliveryId;
    QString event;          // the provider's event name
    QDateTime receivedAt;   // UTC
    QJsonObject headers;    // what names and identifies it, as received; never signatures or credentials
    // The provider's signature or credential headers as received (X-Hub-Signature-256,
    // X-Gitlab-Token, Authorization, ...): kept apart, only to forward the delivery as it came.
    QJsonObject credentials;
    QByteArray body;        // raw, as received
    NormalizedEvents events;

    // {"provider","deliveryId","event","receivedAt","events":[...]}: what `events --json` prints.
    QJsonObject toJson() const;
    // The stored columns: the kept headers as a JSON object, the events as a JSON array (UTF-8).
    QByteArray headersJsonText() const;
    QByteArray eventsJsonText() const;
    QByteArray credentialsJsonText() const;
};

} // namespace forgelink

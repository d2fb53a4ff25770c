#pragma once

#include "forward/forwardtarget.h"
#include "store/outboxrow.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

namespace forgelink {

// The HTTP request that carries an outbox row to its target.
struct ForwardRequest {
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // format original: the provider's request byte for byte to <url>/api/events-handler/v1/events/<provider>,
    // with the provider's own headers as received and X-Forgelink-Delivery: <provider>:<deliveryId>.
    static ForwardRequest original(const ForwardTarget &target, const OutboxWork &work);
    // format event: the delivery's event at `position` in its events list, as a Standard Webhooks
    // message: webhook-id <provider>:<deliveryId>:<position>, signed at `timestamp` (Unix seconds).
    static ForwardRequest event(const ForwardTarget &target, const Delivery &delivery, int position, qint64 timestamp);
    static QByteArray eventBody(const Delivery &delivery, int position);
};

} // namespace forgelink

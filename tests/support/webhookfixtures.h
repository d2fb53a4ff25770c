#pragma once

#include "core/provider.h"
#include "core/webhookrequest.h"
#include "webhooks/normalizedevent.h"

#include <QList>
#include <QString>

namespace forgelink::test {

// The published payloads of tests/fixtures/webhooks with the events each must normalize to,
// and requests signed the way each provider signs them.
struct WebhookFixture {
    Provider provider;
    QString file;     // relative to the fixtures folder
    QByteArray event; // the event header's value (Azure DevOps: none)
    NormalizedEvents expected;

    QByteArray body() const;
    QString name() const { return file; }
};

class WebhookFixtures {
public:
    static QList<WebhookFixture> all();

    // Headers a provider sends with `body`, signed or authenticated with `secret`.
    static QList<QPair<QByteArray, QByteArray>> headers(Provider provider, const QByteArray &event,
                                                        const QByteArray &body, const QByteArray &secret,
                                                        const QByteArray &deliveryId);
    static WebhookRequest request(Provider provider, const QByteArray &event, const QByteArray &body,
                                  const QByteArray &secret, const QByteArray &deliveryId);
};

} // namespace forgelink::test

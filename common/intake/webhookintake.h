#pragma once

#include "core/webhookrequest.h"
#include "json/jsonparser.h"
#include "settings/agentconfig.h"
#include "webhooks/delivery.h"
#include "webhooks/webhookverifier.h"

#include <QHash>

#include <optional>

namespace forgelink {

// Decides what to do with one webhook request: verify it first (401 whatever else is wrong),
// then judge its headers and body (400), then build the delivery the ledger will record. The
// agent only commits the delivery and answers.
class WebhookIntake {
public:
    struct Decision {
        int status = 0;       // 0: record `delivery`; otherwise the HTTP status to answer with
                              // (200 for an unsigned ping, answered but not recorded)
        QString reason;       // why it was refused, for the log and the response body
        std::optional<Delivery> delivery;
        bool isPing = false;  // answered 200 even when new
    };

    explicit WebhookIntake(const AgentConfig &config);

    // For secret rotation: replace the accepted credentials of one provider.
    void setCredentials(Provider provider, const WebhookCredentials &credentials);
    bool isEnabled(Provider provider) const { return m_credentials.contains(provider); }

    Decision evaluate(Provider provider, const WebhookRequest &request, const QDateTime &receivedAt) const;
    // What the headers alone decide, before the body is read (`request` has no body yet): a
    // refusal, or nothing when the body must be read. An unauthenticated request is never read.
    std::optional<Decision> screen(Provider provider, const WebhookRequest &request) const;

    // Bitbucket's "Test connection" is unsigned: it is answered, never stored, and must be small.
    static constexpr qint64 kMaxUnsignedPingBytes = 16 * 1024;

    // The provider's id of the delivery (GitProvider::deliveryId) is used
    // when it looks like one (letters, digits, '.', '_' and '-', up to 200); otherwise the body's
    // SHA-256, written "sha256:<hex>", which no provider id can equal (it has a colon).
    static QString deliveryIdFor(Provider provider, const WebhookRequest &request, const JsonFields &payload);
    static bool isUsableDeliveryId(QByteArrayView id);

private:
    QHash<Provider, WebhookCredentials> m_credentials;
    mutable JsonParser m_parser; // evaluate() runs on one thread; the parser keeps its buffers
};

} // namespace forgelink

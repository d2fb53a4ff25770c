#pragma once

#include "core/provider.h"
#include "core/webhookrequest.h"
#include "webhooks/webhookverifier.h"

namespace forgelink {

// Checks that a delivery comes from the provider, before anything else looks at it: with no
// secret configured nothing passes; otherwise the provider judges by its own scheme
// (GitProvider::checkHeaders, verifyBody).
class DeliveryVerifier {
public:
    static WebhookVerifier::Verdict verify(Provider provider, const WebhookRequest &request,
                                           const WebhookCredentials &credentials);
    // What the headers alone decide, before the body is read.
    static WebhookVerifier::Verdict checkHeaders(Provider provider, const WebhookRequest &request,
                                                 const WebhookCredentials &credentials);
};

} // namespace forgelink

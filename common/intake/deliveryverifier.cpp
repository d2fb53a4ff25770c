#include "intake/deliveryverifier.h"

#include "providers/providerregistry.h"

namespace forgelink {

WebhookVerifier::Verdict DeliveryVerifier::checkHeaders(Provider provider, const WebhookRequest &request,
                                                    const WebhookCredentials &credentials)
{
    if (credentials.secrets.isEmpty())
        return WebhookVerifier::rejected(QStringLiteral("no webhook secret is configured"));
    return ProviderRegistry::get(provider).checkHeaders(request, credentials);
}

WebhookVerifier::Verdict DeliveryVerifier::verify(Provider provider, const WebhookRequest &request,
                                              const WebhookCredentials &credentials)
{
    const WebhookVerifier::Verdict fromHeaders = checkHeaders(provider, request, credentials);
    if (fromHeaders.judgement != WebhookVerifier::Judgement::NeedsBody)
        return fromHeaders;
    return ProviderRegistry::get(provider).verifyBody(request, credentials);
}

} // namespace forgelink

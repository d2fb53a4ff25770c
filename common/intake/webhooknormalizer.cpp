#include "intake/webhooknormalizer.h"

#include "providers/providerregistry.h"

namespace forgelink {

Result<NormalizedEvents> WebhookNormalizer::normalize(Provider provider, const QString &event, JsonFields payload)
{
    return ProviderRegistry::get(provider).normalize(event, payload);
}

} // namespace forgelink

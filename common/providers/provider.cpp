#include "providers/provider.h"

#include "providers/providerregistry.h"

namespace forgelink {

QList<Provider> allProviders()
{
    QList<Provider> providers;
    for (const GitProvider *provider : ProviderRegistry::all())
        providers << provider->kind();
    return providers;
}

QString providerId(Provider provider)
{
    return ProviderRegistry::get(provider).id();
}

std::optional<Provider> providerFromId(const QString &id)
{
    if (const GitProvider *provider = ProviderRegistry::find(id))
        return provider->kind();
    return std::nullopt;
}

QString providerDisplayName(Provider provider)
{
    return ProviderRegistry::get(provider).displayName();
}

} // namespace forgelink

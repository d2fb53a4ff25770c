#pragma once

#include "providers/gitprovider.h"

#include <QList>

namespace forgelink {

// The one place providers are registered (providerregistry.cpp, a line each); everything else
// asks the registry instead of switching on the provider.
class ProviderRegistry {
public:
    static const GitProvider &get(Provider provider);
    // By its id (github, azure-devops), or nullptr.
    static const GitProvider *find(const QString &id);
    // In the order the wizard and the values file present them.
    static const QList<const GitProvider *> &all();
};

} // namespace forgelink

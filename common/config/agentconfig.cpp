#include "config/agentconfig.h"

#include "providers/providerregistry.h"

namespace forgelink {

QString DatabaseSettings::displayName() const
{
    if (driver == u"QSQLITE")
        return QStringLiteral("sqlite://") + sqlitePath;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(name);
}

bool AgentConfig::isEnabled(Provider provider) const
{
    return ProviderRegistry::get(provider).isEnabled(*this);
}

QList<Provider> AgentConfig::enabledProviders() const
{
    QList<Provider> enabled;
    for (Provider provider : allProviders()) {
        if (isEnabled(provider))
            enabled << provider;
    }
    return enabled;
}

} // namespace forgelink

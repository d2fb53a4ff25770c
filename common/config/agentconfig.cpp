#include "config/agentconfig.h"

namespace forgelink {

QString DatabaseSettings::displayName() const
{
    if (driver == u"QSQLITE")
        return QStringLiteral("sqlite://") + sqlitePath;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(name);
}

const ProviderSettings *AgentConfig::provider(Provider provider) const
{
    const auto found = providers.constFind(provider);
    return found == providers.constEnd() ? nullptr : &found.value();
}

} // namespace forgelink

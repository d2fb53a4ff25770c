#include "config/agentconfig.h"

namespace forgelink {

QString DatabaseSettings::displayName() const
{
    if (driver == u"QSQLITE")
        return QStringLiteral("sqlite://") + sqlitePath;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(name);
}

bool AgentConfig::isEnabled(Provider provider) const
{
    switch (provider) {
    case Provider::GitHub:
        return github.has_value();
    case Provider::GitLab:
        return gitlab.has_value();
    case Provider::Bitbucket:
        return bitbucket.has_value();
    case Provider::AzureDevOps:
        return azureDevOps.has_value();
    }
    return false;
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

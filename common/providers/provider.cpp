#include "providers/provider.h"

namespace forgelink {

QList<Provider> allProviders()
{
    return { Provider::GitHub, Provider::GitLab, Provider::Bitbucket, Provider::AzureDevOps };
}

QString providerId(Provider provider)
{
    switch (provider) {
    case Provider::GitHub:
        return QStringLiteral("github");
    case Provider::GitLab:
        return QStringLiteral("gitlab");
    case Provider::Bitbucket:
        return QStringLiteral("bitbucket");
    case Provider::AzureDevOps:
        return QStringLiteral("azure-devops");
    }
    return {};
}

std::optional<Provider> providerFromId(const QString &id)
{
    for (Provider provider : allProviders()) {
        if (providerId(provider) == id)
            return provider;
    }
    return std::nullopt;
}

QString providerSection(Provider provider)
{
    return provider == Provider::AzureDevOps ? QStringLiteral("azureDevOps") : providerId(provider);
}

QString providerDisplayName(Provider provider)
{
    switch (provider) {
    case Provider::GitHub:
        return QStringLiteral("GitHub");
    case Provider::GitLab:
        return QStringLiteral("GitLab");
    case Provider::Bitbucket:
        return QStringLiteral("Bitbucket Data Center");
    case Provider::AzureDevOps:
        return QStringLiteral("Azure DevOps");
    }
    return {};
}

} // namespace forgelink

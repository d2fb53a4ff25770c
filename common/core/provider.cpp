#include "core/provider.h"

namespace forgelink {

namespace {

struct ProviderNames {
    Provider provider;
    QString id;
    QString displayName;
};

// Written before any thread starts (the built-in ones statically, a test's at its start), read
// by all of them after.
QList<ProviderNames> &knownNames()
{
    static QList<ProviderNames> names{
        { Provider::GitHub, QStringLiteral("github"), QStringLiteral("GitHub") },
        { Provider::GitLab, QStringLiteral("gitlab"), QStringLiteral("GitLab") },
        { Provider::Bitbucket, QStringLiteral("bitbucket"), QStringLiteral("Bitbucket Data Center") },
        { Provider::AzureDevOps, QStringLiteral("azure-devops"), QStringLiteral("Azure DevOps") },
    };
    return names;
}

const ProviderNames &namesOf(Provider provider)
{
    for (const ProviderNames &names : knownNames()) {
        if (names.provider == provider)
            return names;
    }
    Q_UNREACHABLE();
}

} // namespace

QList<Provider> allProviders()
{
    QList<Provider> providers;
    for (const ProviderNames &names : knownNames())
        providers << names.provider;
    return providers;
}

QString providerId(Provider provider)
{
    return namesOf(provider).id;
}

std::optional<Provider> providerFromId(const QString &id)
{
    for (const ProviderNames &names : knownNames()) {
        if (names.id == id)
            return names.provider;
    }
    return std::nullopt;
}

QString providerDisplayName(Provider provider)
{
    return namesOf(provider).displayName;
}

QString providerWebhookPathPrefix()
{
    return QStringLiteral("/api/events-handler/v1/events/");
}

QString providerWebhookPath(Provider provider)
{
    return providerWebhookPathPrefix() + providerId(provider);
}

void addProviderNames(Provider provider, const QString &id, const QString &displayName)
{
    for (const ProviderNames &names : knownNames()) {
        if (names.provider == provider)
            return; // a built-in provider, or one added before
    }
    Q_ASSERT(!providerFromId(id));
    knownNames().append({ provider, id, displayName });
}

} // namespace forgelink

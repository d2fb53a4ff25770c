#include "providers/providerregistry.h"

#include "providers/azuredevops/azuredevopsprovider.h"
#include "providers/bitbucket/bitbucketprovider.h"
#include "providers/github/githubprovider.h"
#include "providers/gitlab/gitlabprovider.h"

namespace forgelink {

namespace {

QList<const GitProvider *> &registered()
{
    // One line per provider; the order is the wizard's. Static objects, so that they live as
    // long as the program and are destroyed with it (a leak checker sees no lost allocation).
    static const GitHubProvider github;
    static const GitLabProvider gitlab;
    static const BitbucketProvider bitbucket;
    static const AzureDevOpsProvider azureDevOps;
    static QList<const GitProvider *> providers{&github, &gitlab, &bitbucket, &azureDevOps};
    return providers;
}

} // namespace

const GitProvider &ProviderRegistry::get(Provider provider)
{
    for (const GitProvider *candidate : registered()) {
        if (candidate->kind() == provider)
            return *candidate;
    }
    Q_UNREACHABLE();
}

void ProviderRegistry::add(const GitProvider *provider)
{
    Q_ASSERT(!find(provider->id()) && !findBySection(provider->section()));
    registered().append(provider);
    addProviderNames(provider->kind(), provider->id(), provider->displayName());
}

const GitProvider *ProviderRegistry::find(const QString &id)
{
    for (const GitProvider *candidate : registered()) {
        if (candidate->id() == id)
            return candidate;
    }
    return nullptr;
}

const GitProvider *ProviderRegistry::findBySection(const QString &section)
{
    for (const GitProvider *candidate : registered()) {
        if (candidate->section() == section)
            return candidate;
    }
    return nullptr;
}

QStringList ProviderRegistry::ids()
{
    QStringList ids;
    for (const GitProvider *provider : registered())
        ids << provider->id();
    return ids;
}

QStringList ProviderRegistry::sections()
{
    QStringList names;
    for (const GitProvider *provider : registered())
        names << provider->section();
    return names;
}

ProviderAnswers &ProviderRegistry::enable(Answers &answers, Provider provider)
{
    ProviderAnswers defaults;
    for (const ProviderField &field : get(provider).answerFields()) {
        if (!field.defaultValue.isEmpty())
            defaults.set(field.key, field.defaultValue);
    }
    return answers.enable(provider, defaults);
}

const QList<const GitProvider *> &ProviderRegistry::all()
{
    return registered();
}

} // namespace forgelink

#include "providers/providerregistry.h"

#include "providers/azuredevops/azuredevopsprovider.h"
#include "providers/bitbucket/bitbucketprovider.h"
#include "providers/github/githubprovider.h"
#include "providers/gitlab/gitlabprovider.h"

namespace forgelink {

namespace {

const QList<const GitProvider *> &registered()
{
    // One line per provider; the order is the wizard's. They live as long as the program.
    static const QList<const GitProvider *> providers{
        new GitHubProvider,
        new GitLabProvider,
        new BitbucketProvider,
        new AzureDevOpsProvider,
    };
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

const GitProvider *ProviderRegistry::find(const QString &id)
{
    for (const GitProvider *candidate : registered()) {
        if (candidate->id() == id)
            return candidate;
    }
    return nullptr;
}

const QList<const GitProvider *> &ProviderRegistry::all()
{
    return registered();
}

} // namespace forgelink

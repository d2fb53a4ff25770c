#include "providers/hookprovisioner.h"

#include "providers/azuredevops/azuredevopshookprovisioner.h"
#include "providers/bitbucket/bitbuckethookprovisioner.h"
#include "providers/gitlab/gitlabhookprovisioner.h"
#include "providers/providercatalogue.h"

namespace forgelink {

QString HookProvisioner::webhookUrl(Provider provider, const AgentConfig &config)
{
    return config.publicUrl.toString(QUrl::StripTrailingSlash) + ProviderCatalogue::webhookPath(provider);
}

Result<std::unique_ptr<HookProvisioner>> HookProvisioner::create(Provider provider, const AgentConfig &config)
{
    if (config.publicUrl.isEmpty())
        return fail(QStringLiteral("publicUrl is not set in the agent's config; it is the base of the webhook URLs the providers call"));
    const QString url = webhookUrl(provider, config);
    switch (provider) {
    case Provider::GitLab:
        if (!config.gitlab || config.gitlab->token.isEmpty())
            return fail(QStringLiteral("providers.gitlab with a token is needed to manage GitLab hooks"));
        return std::unique_ptr<HookProvisioner>(new GitLabHookProvisioner(*config.gitlab, config.network, url));
    case Provider::Bitbucket:
        if (!config.bitbucket || config.bitbucket->token.isEmpty())
            return fail(QStringLiteral("providers.bitbucket with a token is needed to manage Bitbucket webhooks"));
        return std::unique_ptr<HookProvisioner>(new BitbucketHookProvisioner(*config.bitbucket, config.network, url));
    case Provider::AzureDevOps:
        if (!config.azureDevOps || config.azureDevOps->token.isEmpty())
            return fail(QStringLiteral("providers.azureDevOps with a token is needed to manage Service Hook subscriptions"));
        return std::unique_ptr<HookProvisioner>(new AzureDevOpsHookProvisioner(*config.azureDevOps, config.network, url));
    case Provider::GitHub:
        break;
    }
    return fail(QStringLiteral("GitHub has no per-repository hooks: the App's own webhook covers every repository"));
}

} // namespace forgelink

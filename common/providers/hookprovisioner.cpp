#include "providers/hookprovisioner.h"

#include "providers/providercatalogue.h"
#include "providers/providerregistry.h"

namespace forgelink {

QString HookProvisioner::webhookUrl(Provider provider, const AgentConfig &config)
{
    return config.publicUrl.toString(QUrl::StripTrailingSlash) + ProviderCatalogue::webhookPath(provider);
}

Result<std::unique_ptr<HookProvisioner>> HookProvisioner::create(Provider provider, const AgentConfig &config)
{
    if (config.publicUrl.isEmpty())
        return fail(QStringLiteral("publicUrl is not set in the agent's config; it is the base of the webhook URLs the providers call"));
    const GitProvider &git = ProviderRegistry::get(provider);
    if (!git.hasRepositoryHooks())
        return fail(QStringLiteral("%1 has no per-repository hooks: the account's own webhook covers every repository").arg(git.displayName()));
    return git.hookProvisioner(config, webhookUrl(provider, config));
}

} // namespace forgelink

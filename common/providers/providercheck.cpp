#include "providers/providercheck.h"

#include "providers/providerregistry.h"
#include "settings/agentconfig.h"

namespace forgelink {

CheckOutcome ProviderCheck::run(Provider provider, const Answers &answers, std::shared_ptr<const std::atomic_bool> cancel)
{
    NetworkSettings network;
    network.cancel = std::move(cancel);
    network.caBundleFile = answers.caBundleFile;
    network.proxyUrl = answers.proxyUrl;
    network.maxRateLimitWaitMs = 10'000; // an admin is waiting
    const GitProvider &git = ProviderRegistry::get(provider);
    if (!git.isEnabled(answers))
        return CheckOutcome::failed(QStringLiteral("%1 is not enabled").arg(git.displayName()));
    return git.check(answers, network);
}

} // namespace forgelink

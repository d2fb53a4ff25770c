#include "settings/agentconfig.h"

namespace forgelink {

const ProviderSettings *AgentConfig::provider(Provider provider) const
{
    const auto found = providers.constFind(provider);
    return found == providers.constEnd() ? nullptr : &found.value();
}

} // namespace forgelink

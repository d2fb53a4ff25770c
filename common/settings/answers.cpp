#include "settings/answers.h"

namespace forgelink {

const ProviderAnswers *Answers::provider(Provider provider) const
{
    const auto found = providers.constFind(provider);
    return found == providers.constEnd() ? nullptr : &found.value();
}

ProviderAnswers *Answers::provider(Provider provider)
{
    const auto found = providers.find(provider);
    return found == providers.end() ? nullptr : &found.value();
}

ProviderAnswers &Answers::enable(Provider provider, const ProviderAnswers &defaults)
{
    if (ProviderAnswers *enabled = this->provider(provider))
        return *enabled;
    return providers.insert(provider, defaults).value();
}

} // namespace forgelink

#include "config/answers.h"

#include "providers/gitprovider.h"
#include "providers/providerregistry.h"

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

ProviderAnswers &Answers::enable(Provider provider)
{
    if (ProviderAnswers *enabled = this->provider(provider))
        return *enabled;
    ProviderAnswers fresh;
    for (const ProviderField &field : ProviderRegistry::get(provider).answerFields()) {
        if (!field.defaultValue.isEmpty())
            fresh.set(field.key, field.defaultValue);
    }
    return providers.insert(provider, fresh).value();
}

} // namespace forgelink

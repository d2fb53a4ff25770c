#include "providers/bitbucket/bitbucketsettings.h"

namespace forgelink {

AgentFields BitbucketSettings::fields()
{
    using Kind = AgentField::Kind;
    return {
        { .key = QStringLiteral("url"), .kind = Kind::Url, .required = true },
        { .key = QStringLiteral("token"), .kind = Kind::Secret },
        { .key = QStringLiteral("webhookSecret"), .kind = Kind::SecretList },
    };
}

BitbucketSettings BitbucketSettings::from(const ProviderSettings &settings)
{
    BitbucketSettings bitbucket;
    bitbucket.url = settings.text(QStringLiteral("url"));
    bitbucket.token = settings.secret(QStringLiteral("token"));
    bitbucket.webhookSecrets = settings.secrets(QStringLiteral("webhookSecret"));
    return bitbucket;
}

} // namespace forgelink

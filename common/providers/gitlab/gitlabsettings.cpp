#include "providers/gitlab/gitlabsettings.h"

namespace forgelink {

AgentFields GitLabSettings::fields()
{
    using Kind = AgentField::Kind;
    return {
        { .key = QStringLiteral("url"), .kind = Kind::Url, .defaultValue = GitLabSettings().url },
        { .key = QStringLiteral("token"), .kind = Kind::Secret },
        { .key = QStringLiteral("webhookSecret"), .kind = Kind::SecretList },
    };
}

GitLabSettings GitLabSettings::from(const ProviderSettings &settings)
{
    GitLabSettings gitlab;
    gitlab.url = settings.text(QStringLiteral("url"), gitlab.url);
    gitlab.token = settings.secret(QStringLiteral("token"));
    gitlab.webhookSecrets = settings.secrets(QStringLiteral("webhookSecret"));
    return gitlab;
}

} // namespace forgelink

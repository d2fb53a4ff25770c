#include "providers/github/githubsettings.h"

#include "crypto/privatekey.h"
#include "settings/fieldchecks.h"

namespace forgelink {

AgentFields GitHubSettings::fields()
{
    using Kind = AgentField::Kind;
    const GitHubSettings defaults;
    return {
        { .key = QStringLiteral("apiUrl"), .kind = Kind::Url, .defaultValue = defaults.apiUrl },
        { .key = QStringLiteral("appId"), .required = true, .check = &FieldChecks::checkGitHubAppId },
        { .key = QStringLiteral("privateKey"), .kind = Kind::Secret,
          .check = [](const QString &pem) -> std::optional<QString> {
              if (const auto key = PrivateKey::fromPem(pem.toUtf8(), QStringLiteral("the key")); !key)
                  return key.error();
              return std::nullopt;
          } },
        { .key = QStringLiteral("webhookSecret"), .kind = Kind::SecretList },
        { .key = QStringLiteral("recoverFailedDeliveries"), .kind = Kind::Boolean, .defaultValue = defaults.recoverFailedDeliveries },
        // Minutes; fractions allowed (a test checks every few seconds).
        { .key = QStringLiteral("recoverEveryMinutes"), .kind = Kind::Number, .minimum = 0.05, .maximum = 24 * 60 },
    };
}

GitHubSettings GitHubSettings::from(const ProviderSettings &settings)
{
    GitHubSettings github;
    github.apiUrl = settings.text(QStringLiteral("apiUrl"), github.apiUrl);
    github.appId = settings.text(QStringLiteral("appId"));
    github.privateKeyPem = settings.secret(QStringLiteral("privateKey"));
    github.webhookSecrets = settings.secrets(QStringLiteral("webhookSecret"));
    github.recoverFailedDeliveries = settings.flag(QStringLiteral("recoverFailedDeliveries"), github.recoverFailedDeliveries);
    github.recoverEveryMs = qint64(settings.number(QStringLiteral("recoverEveryMinutes"), github.recoverEveryMs / 60'000.0) * 60'000);
    return github;
}

} // namespace forgelink

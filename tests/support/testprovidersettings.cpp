#include "testprovidersettings.h"

#include "testkeys.h"

namespace forgelink {

ProviderSettings testProviderSettings(Provider provider, const QString &baseUrl, const QByteArray &credential,
                                      const QByteArray &webhookSecret)
{
    const QVariant secrets = QVariant::fromValue(QByteArrayList{ webhookSecret });
    switch (provider) {
    case Provider::GitHub:
        return { { QStringLiteral("apiUrl"), baseUrl },
                 { QStringLiteral("appId"), QString::fromUtf8(credential) },
                 { QStringLiteral("privateKey"), test::TestKeys::rsaPrivateKeyPem() },
                 { QStringLiteral("webhookSecret"), secrets } };
    case Provider::GitLab:
    case Provider::Bitbucket:
        return { { QStringLiteral("url"), baseUrl }, { QStringLiteral("token"), credential }, { QStringLiteral("webhookSecret"), secrets } };
    case Provider::AzureDevOps:
        return { { QStringLiteral("organizationUrl"), baseUrl },
                 { QStringLiteral("token"), credential },
                 { QStringLiteral("webhookBasicAuthUser"), QStringLiteral("pipekit") },
                 { QStringLiteral("webhookBasicAuthPass"), secrets } };
    }
    return {};
}

} // namespace forgelink

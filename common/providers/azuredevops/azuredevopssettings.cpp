#include "providers/azuredevops/azuredevopssettings.h"

#include "providers/azuredevops/azuredevopsapi.h"
#include "settings/fieldchecks.h"

namespace forgelink {

AgentFields AzureDevOpsSettings::fields()
{
    using Kind = AgentField::Kind;
    return {
        { .key = QStringLiteral("organizationUrl"), .kind = Kind::Url, .required = true, .check = &FieldChecks::checkAzureOrganizationUrl },
        { .key = QStringLiteral("apiVersion"), .check = &FieldChecks::checkAzureApiVersion,
          .fallback = [](const ProviderSettings &settings) -> QVariant {
              const QString url = settings.text(QStringLiteral("organizationUrl"));
              return url.isEmpty() ? QVariant() : QVariant(AzureDevOpsApi::defaultApiVersion(url));
          } },
        { .key = QStringLiteral("token"), .kind = Kind::Secret },
        { .key = QStringLiteral("webhookBasicAuthUser"), .required = true, .check = &FieldChecks::checkBasicAuthUser },
        { .key = QStringLiteral("webhookBasicAuthPass"), .kind = Kind::SecretList },
    };
}

AzureDevOpsSettings AzureDevOpsSettings::from(const ProviderSettings &settings)
{
    AzureDevOpsSettings azure;
    azure.organizationUrl = settings.text(QStringLiteral("organizationUrl"));
    azure.token = settings.secret(QStringLiteral("token"));
    azure.basicAuthUser = settings.text(QStringLiteral("webhookBasicAuthUser"));
    azure.basicAuthPasswords = settings.secrets(QStringLiteral("webhookBasicAuthPass"));
    azure.apiVersion = settings.text(QStringLiteral("apiVersion"), azure.apiVersion);
    return azure;
}

} // namespace forgelink

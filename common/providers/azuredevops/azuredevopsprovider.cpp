#include "providers/azuredevops/azuredevopsprovider.h"

#include "json/jsonfields.h"
#include "providers/azuredevops/azuredevopsapi.h"
#include "providers/azuredevops/azuredevopscheck.h"
#include "providers/azuredevops/azuredevopsevents.h"
#include "providers/azuredevops/azuredevopshookprovisioner.h"
#include "providers/azuredevops/azuredevopslister.h"
#include "providers/azuredevops/azuredevopssettings.h"
#include "settings/agentconfig.h"
#include "settings/answers.h"
#include "settings/fieldchecks.h"

namespace forgelink {

Result<QString> AzureDevOpsProvider::eventFromPayload(const JsonFields &payload) const
{
    const QString event = payload.find({ "eventType" });
    if (event.isEmpty())
        return fail(QStringLiteral("eventType: is missing"));
    return event;
}

QList<QByteArray> AzureDevOpsProvider::keptHeaders() const
{
    return { "X-VSS-ActivityId" };
}

WebhookVerifier::Verdict AzureDevOpsProvider::checkHeaders(const WebhookRequest &request, const WebhookCredentials &credentials) const
{
    return WebhookVerifier::basicAuth(request, credentials);
}

QByteArray AzureDevOpsProvider::deliveryId(const WebhookRequest &, const JsonFields &payload) const
{
    return payload.find({ "id" }).toUtf8(); // the event's GUID
}

Result<NormalizedEvents> AzureDevOpsProvider::normalize(const QString &event, JsonFields payload) const
{
    return AzureDevOpsEvents::normalize(event, payload);
}

WebhookCredentials AzureDevOpsProvider::credentials(const AgentConfig &config) const
{
    const std::optional<AzureDevOpsSettings> azureDevOps = config.settingsOf<AzureDevOpsSettings>(Provider::AzureDevOps);
    if (!azureDevOps)
        return {};
    return { azureDevOps->basicAuthPasswords, azureDevOps->basicAuthUser.toUtf8() };
}

Result<std::unique_ptr<RepositoryLister>> AzureDevOpsProvider::lister(const AgentConfig &config) const
{
    const std::optional<AzureDevOpsSettings> azureDevOps = config.settingsOf<AzureDevOpsSettings>(Provider::AzureDevOps);
    if (azureDevOps->token.isEmpty())
        return fail(QStringLiteral("providers.azureDevOps.token is not set; the sync needs it"));
    return std::unique_ptr<RepositoryLister>(new AzureDevOpsLister(*azureDevOps, config.network));
}

Result<std::unique_ptr<HookProvisioner>> AzureDevOpsProvider::hookProvisioner(const AgentConfig &config, const QString &webhookUrl) const
{
    const std::optional<AzureDevOpsSettings> azureDevOps = config.settingsOf<AzureDevOpsSettings>(Provider::AzureDevOps);
    if (!azureDevOps || azureDevOps->token.isEmpty())
        return fail(QStringLiteral("providers.azureDevOps with a token is needed to manage Service Hook subscriptions"));
    return std::unique_ptr<HookProvisioner>(new AzureDevOpsHookProvisioner(*azureDevOps, config.network, webhookUrl));
}

ProviderFields AzureDevOpsProvider::answerFields() const
{
    using Kind = ProviderField::Kind;
    ProviderField organizationUrl{ .key = QStringLiteral("organizationUrl"), .kind = Kind::Url,
                                   .check = requiredValue(&FieldChecks::checkAzureOrganizationUrl), .inValues = true,
                                   .inAgentConfig = true, .label = tr("&Organization URL:"), .placeholder = QStringLiteral("https://dev.azure.com/acme") };
    // Azure DevOps Server speaks an older REST API than Services: the administrator names the
    // release when the URL is a server's, and every call uses its version.
    ProviderField apiVersion{ .key = QStringLiteral("apiVersion"), .kind = Kind::Choice,
                              .check = valueWhenGiven(&FieldChecks::checkAzureApiVersion), .inAgentConfig = true,
                              .fallback = [](const ProviderAnswers &answers) {
                                  return AzureDevOpsApi::defaultApiVersion(answers.value(QStringLiteral("organizationUrl")));
                              },
                              .label = tr("Server &release:"),
                              .shownWhen = [](const ProviderAnswers &answers) {
                                  const QString url = answers.value(QStringLiteral("organizationUrl"));
                                  return !url.isEmpty() && !AzureDevOpsApi::isServices(url);
                              } };
    for (const QString &version : AzureDevOpsApi::knownApiVersions()) {
        if (version != u"7.1")
            apiVersion.choices.append({ version, tr("%1 (REST API %2)").arg(AzureDevOpsApi::productFor(version), version) });
    }
    ProviderField token{ .key = QStringLiteral("token"), .kind = Kind::Secret, .check = requiredValue(&FieldChecks::checkRequiredSecret),
                         .inValues = true, .inAgentConfig = true, .secretFileName = QStringLiteral("azure-devops-token"),
                         .label = tr("Personal access &token:") };
    ProviderField user{ .key = QStringLiteral("webhookBasicAuthUser"), .defaultValue = QStringLiteral("pipekit"),
                        .check = requiredValue(&FieldChecks::checkBasicAuthUser), .inValues = true, .inAgentConfig = true,
                        .label = tr("Webhook Basic auth &user:") };
    ProviderField password{ .key = QStringLiteral("webhookBasicAuthPass"), .kind = Kind::GeneratedSecret,
                            .check = requiredValue(&FieldChecks::checkOptionalSecret), .inValues = true, .inAgentConfig = true,
                            .secretFileName = QStringLiteral("azure-devops-webhook-password"), .label = tr("Webhook Basic auth &password:") };
    return { organizationUrl, apiVersion, token, user, password };
}

QString AzureDevOpsProvider::setupHint() const
{
    return tr("A personal access token with Code (Read, Write & Status) and Project & Team (Read), of a "
              "Project Administrator or a user with \"Edit subscriptions\".");
}

CheckOutcome AzureDevOpsProvider::check(const Answers &answers, const NetworkSettings &network) const
{
    return AzureDevOpsCheck::run(*answers.provider(kind()), network);
}

} // namespace forgelink

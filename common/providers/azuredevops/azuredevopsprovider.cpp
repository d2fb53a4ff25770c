#include "providers/azuredevops/azuredevopsprovider.h"

#include "config/agentconfig.h"
#include "config/answers.h"
#include "json/jsonfields.h"
#include "providers/azuredevops/azuredevopscheck.h"
#include "providers/azuredevops/azuredevopsevents.h"
#include "providers/azuredevops/azuredevopshookprovisioner.h"
#include "providers/azuredevops/azuredevopslister.h"

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

bool AzureDevOpsProvider::isEnabled(const AgentConfig &config) const
{
    return config.azureDevOps.has_value();
}

WebhookCredentials AzureDevOpsProvider::credentials(const AgentConfig &config) const
{
    if (!config.azureDevOps)
        return {};
    return { config.azureDevOps->basicAuthPasswords, config.azureDevOps->basicAuthUser.toUtf8() };
}

bool AzureDevOpsProvider::isEnabled(const Answers &answers) const
{
    return answers.azureDevOps.has_value();
}

Result<std::unique_ptr<RepositoryLister>> AzureDevOpsProvider::lister(const AgentConfig &config) const
{
    if (config.azureDevOps->token.isEmpty())
        return fail(QStringLiteral("providers.azureDevOps.token is not set; the sync needs it"));
    return std::unique_ptr<RepositoryLister>(new AzureDevOpsLister(*config.azureDevOps, config.network));
}

Result<std::unique_ptr<HookProvisioner>> AzureDevOpsProvider::hookProvisioner(const AgentConfig &config, const QString &webhookUrl) const
{
    if (!config.azureDevOps || config.azureDevOps->token.isEmpty())
        return fail(QStringLiteral("providers.azureDevOps with a token is needed to manage Service Hook subscriptions"));
    return std::unique_ptr<HookProvisioner>(new AzureDevOpsHookProvisioner(*config.azureDevOps, config.network, webhookUrl));
}

CheckOutcome AzureDevOpsProvider::check(const Answers &answers, const NetworkSettings &network) const
{
    return AzureDevOpsCheck::run(*answers.azureDevOps, network);
}

} // namespace forgelink

#pragma once

#include "providers/azuredevops/azuredevopssettings.h"
#include "providers/gitprovider.h"

#include <QCoreApplication>

namespace forgelink {

// Azure DevOps (Services or Server) with a personal access token: three Service Hook subscriptions
// per repository, delivering with Basic auth; the event and the delivery's id are in the body.
class AzureDevOpsProvider : public GitProvider {
    Q_DECLARE_TR_FUNCTIONS(forgelink::AzureDevOpsProvider)

public:
    Provider kind() const override { return Provider::AzureDevOps; }
    QString section() const override { return QStringLiteral("azureDevOps"); }

    QByteArray eventHeader() const override { return {}; }
    Result<QString> eventFromPayload(const JsonFields &payload) const override;
    QList<QByteArray> keptHeaders() const override;
    QList<QByteArray> credentialHeaders() const override { return { "Authorization" }; }
    WebhookVerifier::Verdict checkHeaders(const WebhookRequest &request, const WebhookCredentials &credentials) const override;
    QByteArray deliveryId(const WebhookRequest &request, const JsonFields &payload) const override;
    Result<NormalizedEvents> normalize(const QString &event, JsonFields payload) const override;

    AgentFields agentFields() const override { return AzureDevOpsSettings::fields(); }
    WebhookCredentials credentials(const AgentConfig &config) const override;
    QString webhookSecretKey() const override { return QStringLiteral("webhookBasicAuthPass"); }
    ProviderFields answerFields() const override;
    QString choiceLabel() const override { return tr("&Azure DevOps (Services or Server)"); }
    QString setupHint() const override;

    Result<std::unique_ptr<RepositoryLister>> lister(const AgentConfig &config) const override;
    Result<std::unique_ptr<HookProvisioner>> hookProvisioner(const AgentConfig &config, const QString &webhookUrl) const override;
    CheckOutcome check(const Answers &answers, const NetworkSettings &network) const override;
};

} // namespace forgelink

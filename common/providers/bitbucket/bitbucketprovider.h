#pragma once

#include "providers/bitbucket/bitbucketsettings.h"
#include "providers/gitprovider.h"

#include <QCoreApplication>

namespace forgelink {

// Bitbucket Data Center with an HTTP access token: a webhook per repository, signed with
// X-Hub-Signature; "Test connection" sends an unsigned ping.
class BitbucketProvider : public GitProvider {
    Q_DECLARE_TR_FUNCTIONS(forgelink::BitbucketProvider)

public:
    Provider kind() const override { return Provider::Bitbucket; }
    QString section() const override { return QStringLiteral("bitbucket"); }

    QByteArray eventHeader() const override { return "X-Event-Key"; }
    QList<QByteArray> keptHeaders() const override;
    QList<QByteArray> credentialHeaders() const override { return { "X-Hub-Signature" }; }
    WebhookVerifier::Verdict checkHeaders(const WebhookRequest &request, const WebhookCredentials &credentials) const override;
    WebhookVerifier::Verdict acceptUnsignedPing(const QString &event) const override;
    WebhookVerifier::Verdict verifyBody(const WebhookRequest &request, const WebhookCredentials &credentials) const override;
    QByteArray deliveryIdFromHeaders(const WebhookRequest &request) const override;
    Result<NormalizedEvents> normalize(const QString &event, JsonFields payload) const override;

    AgentFields agentFields() const override { return BitbucketSettings::fields(); }
    WebhookCredentials credentials(const AgentConfig &config) const override;
    ProviderFields answerFields() const override;
    QString choiceLabel() const override { return tr("&Bitbucket Data Center"); }
    QString setupHint() const override;

    Result<std::unique_ptr<RepositoryLister>> lister(const AgentConfig &config) const override;
    Result<std::unique_ptr<HookProvisioner>> hookProvisioner(const AgentConfig &config, const QString &webhookUrl) const override;
    CheckOutcome check(const Answers &answers, const NetworkSettings &network) const override;
};

} // namespace forgelink

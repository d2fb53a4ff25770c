#pragma once

#include "providers/gitlab/gitlabsettings.h"
#include "providers/gitprovider.h"

#include <QCoreApplication>

namespace forgelink {

// GitLab (gitlab.com or self-managed) with a personal access token: a project hook per
// repository whose token comes back as X-Gitlab-Token.
class GitLabProvider : public GitProvider {
    Q_DECLARE_TR_FUNCTIONS(forgelink::GitLabProvider)

public:
    Provider kind() const override { return Provider::GitLab; }
    QString section() const override { return QStringLiteral("gitlab"); }

    QByteArray eventHeader() const override { return "X-Gitlab-Event"; }
    QList<QByteArray> keptHeaders() const override;
    QList<QByteArray> credentialHeaders() const override { return { "X-Gitlab-Token" }; }
    bool keepsHeader(QByteArrayView name) const override;
    WebhookVerifier::Verdict checkHeaders(const WebhookRequest &request, const WebhookCredentials &credentials) const override;
    QByteArray deliveryIdFromHeaders(const WebhookRequest &request) const override;
    Result<NormalizedEvents> normalize(const QString &event, JsonFields payload) const override;

    AgentFields agentFields() const override { return GitLabSettings::fields(); }
    WebhookCredentials credentials(const AgentConfig &config) const override;
    ProviderFields answerFields() const override;
    QString choiceLabel() const override { return tr("Git&Lab (gitlab.com or self-managed)"); }
    QString setupHint() const override;

    Result<std::unique_ptr<RepositoryLister>> lister(const AgentConfig &config) const override;
    Result<std::unique_ptr<HookProvisioner>> hookProvisioner(const AgentConfig &config, const QString &webhookUrl) const override;
    CheckOutcome check(const Answers &answers, const NetworkSettings &network) const override;
};

} // namespace forgelink

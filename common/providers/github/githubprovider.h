#pragma once

#include "providers/github/githubsettings.h"
#include "providers/gitprovider.h"

#include <QCoreApplication>

namespace forgelink {

// GitHub (and GitHub Enterprise Server) through a GitHub App: one App-level webhook signed with
// X-Hub-Signature-256, repositories listed per installation, no per-repository hooks.
class GitHubProvider : public GitProvider {
    Q_DECLARE_TR_FUNCTIONS(forgelink::GitHubProvider)

public:
    Provider kind() const override { return Provider::GitHub; }
    QString section() const override { return QStringLiteral("github"); }

    QByteArray eventHeader() const override { return "X-GitHub-Event"; }
    Result<QByteArray> payloadJson(const WebhookRequest &request) const override;
    QList<QByteArray> keptHeaders() const override;
    QList<QByteArray> credentialHeaders() const override { return { "X-Hub-Signature-256", "X-Hub-Signature" }; }
    bool keepsHeader(QByteArrayView name) const override;
    WebhookVerifier::Verdict checkHeaders(const WebhookRequest &request, const WebhookCredentials &credentials) const override;
    WebhookVerifier::Verdict verifyBody(const WebhookRequest &request, const WebhookCredentials &credentials) const override;
    QByteArray deliveryIdFromHeaders(const WebhookRequest &request) const override;
    Result<NormalizedEvents> normalize(const QString &event, JsonFields payload) const override;
    QList<RepositoryChange> repositoryChanges(const Delivery &delivery) const override;

    AgentFields agentFields() const override { return GitHubSettings::fields(); }
    WebhookCredentials credentials(const AgentConfig &config) const override;
    ProviderFields answerFields() const override;
    QString choiceLabel() const override { return tr("&GitHub (github.com or GitHub Enterprise Server)"); }

    Result<std::unique_ptr<RepositoryLister>> lister(const AgentConfig &config) const override;
    bool hasRepositoryHooks() const override { return false; }
    Result<QStringList> checkCoverage(const AgentConfig &config, const QString &repository) const override;
    Result<QStringList> setAccountWebhookSecret(const AgentConfig &config, const QByteArray &secret) const override;
    CheckOutcome check(const Answers &answers, const NetworkSettings &network) const override;

    bool hasDeliveryRecovery() const override { return true; }
    RecoverySchedule recoverySchedule(const AgentConfig &config) const override;
    std::unique_ptr<DeliveryRecovery> deliveryRecovery(const AgentConfig &config, Store &store, const QString &holder) const override;

    // The web host of a GitHub API URL: api.github.com -> github.com, HOST/api/v3 -> HOST.
    static QString webUrl(const QString &apiUrl);
};

} // namespace forgelink

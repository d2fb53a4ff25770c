#pragma once

#include "providers/gitprovider.h"

namespace forgelink::test {

// Forgejo (and Gitea), as a provider that exists only in the tests: it proves that a fifth
// provider is one folder, registered from outside forgelink, and flows through the answers, the
// wizard, agent.yaml, the webhook intake and the sync without a line changed elsewhere.
// Its conventions are Forgejo's (forgejo.org/docs/latest/user/webhooks, /api/swagger): X-Forgejo-Event
// and X-Forgejo-Delivery, X-Forgejo-Signature as the bare hex HMAC-SHA256 of the body, repositories
// from GET /api/v1/user/repos?page=N&limit=N with `Authorization: token ...` and Link headers.
class ForgejoProvider : public GitProvider {
public:
    // Past the built-in providers' values (provider.h).
    static constexpr Provider kKind = Provider(100);

    Provider kind() const override { return kKind; }
    QString id() const override { return QStringLiteral("forgejo"); }
    QString section() const override { return QStringLiteral("forgejo"); }
    QString displayName() const override { return QStringLiteral("Forgejo"); }
    QString choiceLabel() const override { return QStringLiteral("&Forgejo (test provider)"); }
    QString setupHint() const override { return QStringLiteral("An access token with read:repository."); }

    QByteArray eventHeader() const override { return "X-Forgejo-Event"; }
    QList<QByteArray> keptHeaders() const override { return { "X-Forgejo-Event", "X-Forgejo-Delivery" }; }
    QList<QByteArray> credentialHeaders() const override { return { "X-Forgejo-Signature" }; }
    WebhookVerifier::Verdict checkHeaders(const WebhookRequest &request, const WebhookCredentials &credentials) const override;
    WebhookVerifier::Verdict verifyBody(const WebhookRequest &request, const WebhookCredentials &credentials) const override;
    QByteArray deliveryIdFromHeaders(const WebhookRequest &request) const override { return request.header("X-Forgejo-Delivery"); }
    Result<NormalizedEvents> normalize(const QString &event, JsonFields payload) const override;

    ProviderFields answerFields() const override;
    AgentFields agentFields() const override;
    WebhookCredentials credentials(const AgentConfig &config) const override;

    Result<std::unique_ptr<RepositoryLister>> lister(const AgentConfig &config) const override;
    CheckOutcome check(const Answers &answers, const NetworkSettings &network) const override;
};

} // namespace forgelink::test

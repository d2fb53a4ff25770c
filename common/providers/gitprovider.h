#pragma once

#include "core/provider.h"
#include "core/result.h"
#include "providers/checkoutcome.h"
#include "settings/agentfield.h"
#include "settings/providerfield.h"
#include "webhooks/normalizedevent.h"
#include "webhooks/webhookverifier.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace forgelink {

struct AgentConfig;
struct Answers;
struct Delivery;
struct NetworkSettings;
struct RepositoryChange;
class HookProvisioner;
class JsonFields;
class RepositoryLister;
class DeliveryRecovery;
class Store;

// Everything the rest of forgelink asks of one Git provider: its names, how its webhooks are
// verified, identified and normalized, how its repositories are listed, how hooks are put on
// them, and how its credentials are checked. Each provider is a folder under providers/ with one
// class implementing this, registered in ProviderRegistry; nothing else switches on the provider.
class GitProvider {
public:
    virtual ~GitProvider() = default;

    virtual Provider kind() const = 0;
    // In webhook paths, the store, the CLI and JSON output: github, gitlab, bitbucket, azure-devops.
    // A built-in provider's names are core's (core/provider.h); one added later says its own.
    virtual QString id() const { return providerId(kind()); }
    // In answers, agent.yaml and the values layout: github, gitlab, bitbucket, azureDevOps.
    virtual QString section() const = 0;
    virtual QString displayName() const { return providerDisplayName(kind()); }

    // --- Webhooks ---
    // The header naming the event; empty when the body names it (eventFromPayload()).
    virtual QByteArray eventHeader() const = 0;
    // The event the body names, or why not; for a provider without an event header.
    virtual Result<QString> eventFromPayload(const JsonFields &payload) const;
    // The JSON a delivery carries: by default the body, when its Content-Type is JSON (or none).
    virtual Result<QByteArray> payloadJson(const WebhookRequest &request) const;
    // A delivery checkHeaders() let through unsigned (a settings page's "Test connection"):
    // whether its event may come so. It is answered, never recorded. None may by default.
    virtual WebhookVerifier::Verdict acceptUnsignedPing(const QString &event) const;
    // The provider's headers worth keeping with a delivery (and sending on with it): what names
    // and identifies it. Never a credential.
    virtual QList<QByteArray> keptHeaders() const = 0;
    virtual bool keepsHeader(QByteArrayView name) const;
    // The headers that prove where a delivery came from (a signature, a token, Basic auth): kept
    // apart, to forward the delivery as the provider sent it.
    virtual QList<QByteArray> credentialHeaders() const = 0;
    // What the headers alone decide (DeliveryVerifier::checkHeaders), then what needs the body.
    virtual WebhookVerifier::Verdict checkHeaders(const WebhookRequest &request, const WebhookCredentials &credentials) const = 0;
    virtual WebhookVerifier::Verdict verifyBody(const WebhookRequest &request, const WebhookCredentials &credentials) const;
    // The provider's own id of the delivery, or empty when it sends none. By default the one its
    // headers carry.
    virtual QByteArray deliveryId(const WebhookRequest &request, const JsonFields &payload) const;
    // The id the headers alone carry (empty for a provider that names deliveries in the body):
    // what a refusal's log line can name before any body is read.
    virtual QByteArray deliveryIdFromHeaders(const WebhookRequest &request) const;
    virtual Result<NormalizedEvents> normalize(const QString &event, JsonFields payload) const = 0;
    // Changes to the repository cache that a recorded delivery announces (GitHub's repository and
    // installation events); none by default.
    virtual QList<RepositoryChange> repositoryChanges(const Delivery &delivery) const;

    // --- The agent's config ---
    // Its settings in agent.yaml's section, in the order they are read.
    virtual AgentFields agentFields() const = 0;
    bool isEnabled(const AgentConfig &config) const;
    // What its deliveries must carry, from the config; for an enabled provider only.
    virtual WebhookCredentials credentials(const AgentConfig &config) const = 0;
    // The key of the webhook secret in its agent.yaml section (rotate-secret names it).
    virtual QString webhookSecretKey() const { return QStringLiteral("webhookSecret"); }
    bool isEnabled(const Answers &answers) const;

    // --- The administrator's answers ---
    // Its settings, in the order the answers file, the values layout and the wizard present them.
    virtual ProviderFields answerFields() const = 0;
    // The field declared under `key`, if there is one.
    std::optional<ProviderField> answerField(const QString &key) const;
    // The wizard's choice of providers: its name and what it covers, with an & shortcut.
    virtual QString choiceLabel() const { return displayName(); }
    // What the wizard's page says under its title: what credential to make, with which rights.
    virtual QString setupHint() const { return {}; }

    // --- Sync, hooks, checks ---
    virtual Result<std::unique_ptr<RepositoryLister>> lister(const AgentConfig &config) const = 0;
    // False when one webhook of the account covers every repository (a GitHub App's).
    virtual bool hasRepositoryHooks() const { return true; }
    virtual Result<std::unique_ptr<HookProvisioner>> hookProvisioner(const AgentConfig &config, const QString &webhookUrl) const;
    // Without per-repository hooks: whether the account's webhook covers the repository, and
    // setting that webhook's secret (rotate-secret).
    virtual Result<QStringList> checkCoverage(const AgentConfig &config, const QString &repository) const;
    virtual Result<QStringList> setAccountWebhookSecret(const AgentConfig &config, const QByteArray &secret) const;
    virtual CheckOutcome check(const Answers &answers, const NetworkSettings &network) const = 0;

    // --- Delivery recovery, for a provider that never retries a failed delivery itself ---
    virtual bool hasDeliveryRecovery() const { return false; }
    // How often `serve` checks (0: never); why not, when the config asks for it and cannot have it.
    struct RecoverySchedule {
        qint64 everyMs = 0;
        QString offReason;
    };
    virtual RecoverySchedule recoverySchedule(const AgentConfig &config) const;
    // For an enabled provider that has one; nullptr otherwise.
    virtual std::unique_ptr<DeliveryRecovery> deliveryRecovery(const AgentConfig &config, Store &store, const QString &holder) const;
};

} // namespace forgelink

#include "providers/bitbucket/bitbucketprovider.h"

#include "providers/bitbucket/bitbucketcheck.h"
#include "providers/bitbucket/bitbucketevents.h"
#include "providers/bitbucket/bitbuckethookprovisioner.h"
#include "providers/bitbucket/bitbucketlister.h"
#include "providers/bitbucket/bitbucketsettings.h"
#include "providers/providercatalogue.h"
#include "settings/agentconfig.h"
#include "settings/answers.h"
#include "settings/fieldchecks.h"

namespace forgelink {

QList<QByteArray> BitbucketProvider::keptHeaders() const
{
    return { "X-Event-Key", "X-Request-Id" };
}

WebhookVerifier::Verdict BitbucketProvider::checkHeaders(const WebhookRequest &request, const WebhookCredentials &) const
{
    // "Test connection" in Bitbucket's settings sends a ping without a signature.
    if (!request.hasHeader("X-Hub-Signature") && request.header("X-Event-Key") == "diagnostics:ping"
        && request.headerCount("X-Event-Key") == 1)
        return { WebhookVerifier::Judgement::UnsignedPing, {} };
    return WebhookVerifier::signatureHeader("X-Hub-Signature", request);
}

WebhookVerifier::Verdict BitbucketProvider::acceptUnsignedPing(const QString &event) const
{
    if (event == u"diagnostics:ping")
        return WebhookVerifier::verified();
    return WebhookVerifier::rejected(QStringLiteral("missing X-Hub-Signature header"));
}

WebhookVerifier::Verdict BitbucketProvider::verifyBody(const WebhookRequest &request, const WebhookCredentials &credentials) const
{
    return WebhookVerifier::hmac("X-Hub-Signature", request, credentials);
}

QByteArray BitbucketProvider::deliveryIdFromHeaders(const WebhookRequest &request) const
{
    return request.header("X-Request-Id");
}

Result<NormalizedEvents> BitbucketProvider::normalize(const QString &event, JsonFields payload) const
{
    return BitbucketEvents::normalize(event, payload);
}

WebhookCredentials BitbucketProvider::credentials(const AgentConfig &config) const
{
    const std::optional<BitbucketSettings> bitbucket = config.settingsOf<BitbucketSettings>(Provider::Bitbucket);
    return { bitbucket ? bitbucket->webhookSecrets : QList<QByteArray>(), {} };
}

Result<std::unique_ptr<RepositoryLister>> BitbucketProvider::lister(const AgentConfig &config) const
{
    const std::optional<BitbucketSettings> bitbucket = config.settingsOf<BitbucketSettings>(Provider::Bitbucket);
    if (bitbucket->token.isEmpty())
        return fail(QStringLiteral("providers.bitbucket.token is not set; the sync needs it"));
    return std::unique_ptr<RepositoryLister>(new BitbucketLister(*bitbucket, config.network));
}

Result<std::unique_ptr<HookProvisioner>> BitbucketProvider::hookProvisioner(const AgentConfig &config, const QString &webhookUrl) const
{
    const std::optional<BitbucketSettings> bitbucket = config.settingsOf<BitbucketSettings>(Provider::Bitbucket);
    if (!bitbucket || bitbucket->token.isEmpty())
        return fail(QStringLiteral("providers.bitbucket with a token is needed to manage Bitbucket webhooks"));
    return std::unique_ptr<HookProvisioner>(new BitbucketHookProvisioner(*bitbucket, config.network, webhookUrl));
}

ProviderFields BitbucketProvider::answerFields() const
{
    using Kind = ProviderField::Kind;
    ProviderField url{ .key = QStringLiteral("url"), .kind = Kind::Url, .check = requiredValue(&FieldChecks::checkServiceUrl),
                       .inValues = true, .inAgentConfig = true, .label = tr("Server &URL:"), .placeholder = QStringLiteral("https://bitbucket.example.com") };
    ProviderField token{ .key = QStringLiteral("token"), .kind = Kind::Secret, .check = requiredValue(&FieldChecks::checkRequiredSecret),
                         .inValues = true, .inAgentConfig = true, .secretFileName = QStringLiteral("bitbucket-token"),
                         .label = tr("HTTP access &token:") };
    ProviderField webhookSecret{ .key = QStringLiteral("webhookSecret"), .kind = Kind::GeneratedSecret,
                                 .check = requiredValue(&FieldChecks::checkOptionalSecret), .inValues = true, .inAgentConfig = true,
                                 .secretFileName = QStringLiteral("bitbucket-webhook-secret"), .label = tr("&Webhook secret:") };
    return { url, token, webhookSecret };
}

QString BitbucketProvider::setupHint() const
{
    return tr("An HTTP access token with the permissions %1.").arg(ProviderCatalogue::bitbucketPermissions().join(QStringLiteral(", ")));
}

CheckOutcome BitbucketProvider::check(const Answers &answers, const NetworkSettings &network) const
{
    return BitbucketCheck::run(*answers.provider(kind()), network);
}

} // namespace forgelink

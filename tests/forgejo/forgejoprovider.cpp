#include "forgejoprovider.h"

#include "settings/agentconfig.h"
#include "settings/answers.h"
#include "settings/fieldchecks.h"
#include "crypto/crypto.h"
#include "forgejolister.h"
#include "json/jsonfields.h"
#include "webhooks/eventkinds.h"
#include "core/webhookrequest.h"

namespace forgelink::test {

WebhookVerifier::Verdict ForgejoProvider::checkHeaders(const WebhookRequest &request, const WebhookCredentials &) const
{
    const int count = request.headerCount("X-Forgejo-Signature");
    if (count == 0)
        return WebhookVerifier::rejected(QStringLiteral("missing X-Forgejo-Signature header"));
    if (count > 1)
        return WebhookVerifier::rejected(QStringLiteral("X-Forgejo-Signature appears %1 times; send one").arg(count));
    return { WebhookVerifier::Judgement::NeedsBody, {} };
}

WebhookVerifier::Verdict ForgejoProvider::verifyBody(const WebhookRequest &request, const WebhookCredentials &credentials) const
{
    // Bare hex, no "sha256=" prefix; every secret is tried, so the time does not tell which matched.
    const QByteArray presented = QByteArray::fromHex(request.header("X-Forgejo-Signature").trimmed());
    bool match = false;
    for (const QByteArray &secret : credentials.secrets)
        match |= Crypto::constantTimeEquals(Crypto::hmacSha256(secret, request.body), presented);
    if (!match)
        return WebhookVerifier::rejected(QStringLiteral("X-Forgejo-Signature does not match the body signed with any configured secret"));
    return WebhookVerifier::verified();
}

Result<NormalizedEvents> ForgejoProvider::normalize(const QString &event, JsonFields payload) const
{
    const QString repo = payload.object("repository").string("full_name");
    if (event != u"push")
        return EventKinds::checked(payload, { EventKinds::other(repo) });
    NormalizedEvent push;
    push.repo = repo;
    push.ref = payload.string("ref");
    push.before = payload.optionalString("before");
    push.after = payload.optionalString("after");
    push.kind = EventKinds::refChange(push.ref, EventKinds::isZeroSha(push.before), EventKinds::isZeroSha(push.after));
    return EventKinds::checked(payload, { push });
}

ProviderFields ForgejoProvider::answerFields() const
{
    using Kind = ProviderField::Kind;
    return {
        { .key = QStringLiteral("url"), .kind = Kind::Url, .check = requiredValue(&FieldChecks::checkServiceUrl), .inValues = true,
          .inAgentConfig = true, .label = QStringLiteral("Server &URL:"), .placeholder = QStringLiteral("https://codeberg.example.org") },
        { .key = QStringLiteral("token"), .kind = Kind::Secret, .check = requiredValue(&FieldChecks::checkRequiredSecret),
          .inAgentConfig = true, .secretFileName = QStringLiteral("forgejo-token"), .label = QStringLiteral("Access &token:") },
        { .key = QStringLiteral("webhookSecret"), .kind = Kind::GeneratedSecret, .check = requiredValue(&FieldChecks::checkOptionalSecret),
          .inValues = true, .inAgentConfig = true, .secretFileName = QStringLiteral("forgejo-webhook-secret"),
          .label = QStringLiteral("&Webhook secret:") },
    };
}

AgentFields ForgejoProvider::agentFields() const
{
    using Kind = AgentField::Kind;
    return {
        { .key = QStringLiteral("url"), .kind = Kind::Url, .required = true },
        { .key = QStringLiteral("token"), .kind = Kind::Secret, .required = true },
        { .key = QStringLiteral("webhookSecret"), .kind = Kind::SecretList },
    };
}

WebhookCredentials ForgejoProvider::credentials(const AgentConfig &config) const
{
    const ProviderSettings *settings = config.provider(kind());
    return { settings ? settings->secrets(QStringLiteral("webhookSecret")) : QList<QByteArray>(), {} };
}

Result<std::unique_ptr<RepositoryLister>> ForgejoProvider::lister(const AgentConfig &config) const
{
    const ProviderSettings &settings = *config.provider(kind());
    return std::unique_ptr<RepositoryLister>(
            new ForgejoLister(settings.text(QStringLiteral("url")), settings.secret(QStringLiteral("token")), config.network));
}

CheckOutcome ForgejoProvider::check(const Answers &answers, const NetworkSettings &network) const
{
    const ProviderAnswers &given = *answers.provider(kind());
    ForgejoLister lister(given.value(QStringLiteral("url")), given.value(QStringLiteral("token")).toUtf8(), network);
    const Result<RepositoryListing> listing = lister.list({});
    if (!listing)
        return CheckOutcome::failed(listing.error());
    CheckOutcome outcome;
    outcome.passed = true;
    outcome.facts << QStringLiteral("The token reaches %1 repositories.").arg(listing->repositories.size());
    return outcome;
}

} // namespace forgelink::test

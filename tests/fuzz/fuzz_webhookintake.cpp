// Signs arbitrary bodies correctly and hands them to the webhook intake, so the fuzzer reaches
// content-type handling, JSON parsing and every provider's normalization.
#include "crypto/crypto.h"
#include "intake/webhookintake.h"

#include <cstdint>
#include <cstdlib>

using namespace forgelink;

namespace {

const QByteArray kSecret = "fuzz-secret";

AgentConfig config()
{
    AgentConfig config;
    const QVariant secrets = QVariant::fromValue(QByteArrayList{ kSecret });
    config.providers.insert(Provider::GitHub, { { QStringLiteral("appId"), QStringLiteral("1") }, { QStringLiteral("webhookSecret"), secrets } });
    config.providers.insert(Provider::GitLab, { { QStringLiteral("webhookSecret"), secrets } });
    config.providers.insert(Provider::Bitbucket, { { QStringLiteral("webhookSecret"), secrets } });
    config.providers.insert(Provider::AzureDevOps, { { QStringLiteral("webhookBasicAuthUser"), QStringLiteral("pipekit") },
                                                     { QStringLiteral("webhookBasicAuthPass"), secrets } });
    return config;
}

const char *const kEvents[][8] = {
    { "push", "pull_request", "create", "delete", "repository", "installation", "ping", "issues" },
    { "Push Hook", "Tag Push Hook", "Merge Request Hook", "System Hook", "Pipeline Hook", "", "x", "Note Hook" },
    { "repo:refs_changed", "pr:opened", "pr:from_ref_updated", "pr:merged", "pr:declined", "diagnostics:ping",
      "pr:comment:added", "repo:modified" },
    { "", "", "", "", "", "", "", "" },
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const WebhookIntake intake(config());
    if (size < 2)
        return 0;
    const auto provider = Provider(data[0] % 4);
    const QByteArray event = kEvents[data[0] % 4][data[1] % 8];
    const QByteArray body(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    const QByteArray signature = "sha256=" + Crypto::hmacSha256(kSecret, body).toHex();

    WebhookRequest request;
    request.body = body;
    request.headers = { { "Content-Type", (data[1] & 0x80) ? "application/x-www-form-urlencoded" : "application/json" },
                        { "X-GitHub-Event", event }, { "X-Hub-Signature-256", signature },
                        { "X-Gitlab-Event", event }, { "X-Gitlab-Token", kSecret },
                        { "X-Event-Key", event }, { "X-Hub-Signature", signature },
                        { "Authorization", "Basic " + ("pipekit:" + kSecret).toBase64() } };
    const WebhookIntake::Decision decision = intake.evaluate(provider, request, QDateTime::currentDateTimeUtc());
    if (decision.status == 0 && (!decision.delivery || decision.delivery->events.isEmpty()))
        std::abort(); // an accepted delivery always carries at least one event
    if (decision.status != 0 && decision.status != 400)
        std::abort(); // correctly signed: only the content can be wrong
    return 0;
}

#include "providers/gitlab/gitlabprovider.h"

#include "providers/gitlab/gitlabcheck.h"
#include "providers/gitlab/gitlabevents.h"
#include "providers/gitlab/gitlabhookprovisioner.h"
#include "providers/gitlab/gitlablister.h"
#include "providers/gitlab/gitlabsettings.h"
#include "providers/providercatalogue.h"
#include "settings/agentconfig.h"
#include "settings/answers.h"
#include "settings/fieldchecks.h"

namespace forgelink {

QList<QByteArray> GitLabProvider::keptHeaders() const
{
    return { "X-Gitlab-Event", "X-Gitlab-Instance", "X-Gitlab-Webhook-UUID", "X-Gitlab-Event-UUID", "Idempotency-Key" };
}

bool GitLabProvider::keepsHeader(QByteArrayView name) const
{
    // All of X-Gitlab-* but the token, and Idempotency-Key.
    if (name.compare("X-Gitlab-Token", Qt::CaseInsensitive) == 0)
        return false;
    return (name.size() > 9 && QByteArrayView(name.data(), 9).compare("X-Gitlab-", Qt::CaseInsensitive) == 0)
            || name.compare("Idempotency-Key", Qt::CaseInsensitive) == 0;
}

WebhookVerifier::Verdict GitLabProvider::checkHeaders(const WebhookRequest &request, const WebhookCredentials &credentials) const
{
    return WebhookVerifier::token("X-Gitlab-Token", request, credentials);
}

QByteArray GitLabProvider::deliveryIdFromHeaders(const WebhookRequest &request) const
{
    // Idempotency-Key stays the same when GitLab retries; older GitLab sends only the event UUID.
    const QByteArray key = request.header("Idempotency-Key");
    return key.trimmed().isEmpty() ? request.header("X-Gitlab-Event-UUID") : key;
}

Result<NormalizedEvents> GitLabProvider::normalize(const QString &event, JsonFields payload) const
{
    return GitLabEvents::normalize(event, payload);
}

WebhookCredentials GitLabProvider::credentials(const AgentConfig &config) const
{
    const std::optional<GitLabSettings> gitlab = config.settingsOf<GitLabSettings>(Provider::GitLab);
    return { gitlab ? gitlab->webhookSecrets : QList<QByteArray>(), {} };
}

Result<std::unique_ptr<RepositoryLister>> GitLabProvider::lister(const AgentConfig &config) const
{
    const std::optional<GitLabSettings> gitlab = config.settingsOf<GitLabSettings>(Provider::GitLab);
    if (gitlab->token.isEmpty())
        return fail(QStringLiteral("providers.gitlab.token is not set; the sync needs it"));
    return std::unique_ptr<RepositoryLister>(new GitLabLister(*gitlab, config.network));
}

Result<std::unique_ptr<HookProvisioner>> GitLabProvider::hookProvisioner(const AgentConfig &config, const QString &webhookUrl) const
{
    const std::optional<GitLabSettings> gitlab = config.settingsOf<GitLabSettings>(Provider::GitLab);
    if (!gitlab || gitlab->token.isEmpty())
        return fail(QStringLiteral("providers.gitlab with a token is needed to manage GitLab hooks"));
    return std::unique_ptr<HookProvisioner>(new GitLabHookProvisioner(*gitlab, config.network, webhookUrl));
}

ProviderFields GitLabProvider::answerFields() const
{
    using Kind = ProviderField::Kind;
    ProviderField url{ .key = QStringLiteral("url"), .kind = Kind::Url, .defaultValue = QStringLiteral("https://gitlab.com"), .check = requiredValue(&FieldChecks::checkServiceUrl),
                       .inValues = true, .inAgentConfig = true, .label = tr("Server &URL:"), .placeholder = QStringLiteral("https://gitlab.com") };
    ProviderField token{ .key = QStringLiteral("token"), .kind = Kind::Secret, .check = requiredValue(&FieldChecks::checkRequiredSecret),
                         .inValues = true, .inAgentConfig = true, .secretFileName = QStringLiteral("gitlab-token"),
                         .label = tr("Personal access &token:") };
    ProviderField webhookSecret{ .key = QStringLiteral("webhookSecret"), .kind = Kind::GeneratedSecret,
                                 .check = requiredValue(&FieldChecks::checkOptionalSecret), .inValues = true, .inAgentConfig = true,
                                 .secretFileName = QStringLiteral("gitlab-webhook-secret"), .label = tr("&Webhook secret:") };
    return { url, token, webhookSecret };
}

QString GitLabProvider::setupHint() const
{
    return tr("A personal access token of a user who maintains the projects, with the scopes %1.")
            .arg(ProviderCatalogue::gitlabScopes().join(QStringLiteral(", ")));
}

CheckOutcome GitLabProvider::check(const Answers &answers, const NetworkSettings &network) const
{
    return GitLabCheck::run(*answers.provider(kind()), network);
}

} // namespace forgelink

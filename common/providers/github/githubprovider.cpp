#include "providers/github/githubprovider.h"

#include "core/repositorychange.h"
#include "crypto/privatekey.h"
#include "providers/github/githubappauth.h"
#include "providers/github/githubappwebhook.h"
#include "providers/github/githubcheck.h"
#include "providers/github/githubevents.h"
#include "providers/github/githublister.h"
#include "providers/github/githubrecovery.h"
#include "providers/github/githubsettings.h"
#include "settings/agentconfig.h"
#include "settings/answers.h"
#include "settings/fieldchecks.h"
#include "webhooks/formurlencoding.h"

#include <QUrl>

namespace forgelink {

Result<QByteArray> GitHubProvider::payloadJson(const WebhookRequest &request) const
{
    // A webhook may be set to the form content type: the JSON is then the form-encoded `payload`
    // field. The signature covers the raw body, which is verified and stored as it came.
    if (request.header("Content-Type").split(';').first().trimmed().toLower() != "application/x-www-form-urlencoded")
        return GitProvider::payloadJson(request);
    const std::optional<QByteArray> payload = FormUrlEncoding::field(request.body, "payload");
    if (!payload)
        return fail(QStringLiteral("form body has no payload field"));
    return *payload;
}

GitProvider::RecoverySchedule GitHubProvider::recoverySchedule(const AgentConfig &config) const
{
    const std::optional<GitHubSettings> github = config.settingsOf<GitHubSettings>(Provider::GitHub);
    if (!github || !github->recoverFailedDeliveries)
        return {};
    if (github->privateKeyPem.isEmpty())
        return { 0, QStringLiteral("it lists the App's deliveries as the App, which needs providers.github.privateKey") };
    return { github->recoverEveryMs, {} };
}

std::unique_ptr<DeliveryRecovery> GitHubProvider::deliveryRecovery(const AgentConfig &config, Store &store, const QString &holder) const
{
    if (!isEnabled(config))
        return nullptr;
    return std::make_unique<GitHubRecovery>(config, store, holder);
}

QList<QByteArray> GitHubProvider::keptHeaders() const
{
    return { "X-GitHub-Event", "X-GitHub-Delivery", "X-GitHub-Hook-ID", "X-GitHub-Hook-Installation-Target-Type",
             "X-GitHub-Hook-Installation-Target-ID", "X-GitHub-Enterprise-Host", "X-GitHub-Enterprise-Version" };
}

bool GitHubProvider::keepsHeader(QByteArrayView name) const
{
    // All of X-GitHub-*: what GitHub sends to identify the delivery, its hook and its target.
    return name.size() > 9 && QByteArrayView(name.data(), 9).compare("X-GitHub-", Qt::CaseInsensitive) == 0;
}

WebhookVerifier::Verdict GitHubProvider::checkHeaders(const WebhookRequest &request, const WebhookCredentials &) const
{
    return WebhookVerifier::signatureHeader("X-Hub-Signature-256", request);
}

WebhookVerifier::Verdict GitHubProvider::verifyBody(const WebhookRequest &request, const WebhookCredentials &credentials) const
{
    return WebhookVerifier::hmac("X-Hub-Signature-256", request, credentials);
}

QByteArray GitHubProvider::deliveryIdFromHeaders(const WebhookRequest &request) const
{
    return request.header("X-GitHub-Delivery"); // the same when GitHub redelivers
}

Result<NormalizedEvents> GitHubProvider::normalize(const QString &event, JsonFields payload) const
{
    return GitHubEvents::normalize(event, payload);
}

QList<RepositoryChange> GitHubProvider::repositoryChanges(const Delivery &delivery) const
{
    return GitHubEvents::repositoryChanges(delivery);
}

WebhookCredentials GitHubProvider::credentials(const AgentConfig &config) const
{
    const std::optional<GitHubSettings> github = config.settingsOf<GitHubSettings>(Provider::GitHub);
    return { github ? github->webhookSecrets : QList<QByteArray>(), {} };
}

Result<std::unique_ptr<RepositoryLister>> GitHubProvider::lister(const AgentConfig &config) const
{
    const std::optional<GitHubSettings> github = config.settingsOf<GitHubSettings>(Provider::GitHub);
    Result<GitHubAppAuth> auth = GitHubAppAuth::fromSettings(*github);
    if (!auth)
        return fail(auth.error() + QStringLiteral("; the sync needs the App's private key"));
    return std::unique_ptr<RepositoryLister>(new GitHubLister(*github, config.network, auth.value()));
}

Result<QStringList> GitHubProvider::checkCoverage(const AgentConfig &config, const QString &repository) const
{
    return GitHubAppWebhook::checkInstallation(config, repository);
}

Result<QStringList> GitHubProvider::setAccountWebhookSecret(const AgentConfig &config, const QByteArray &secret) const
{
    return GitHubAppWebhook::setSecret(config, secret);
}

ProviderFields GitHubProvider::answerFields() const
{
    using Kind = ProviderField::Kind;
    ProviderField organization{ .key = QStringLiteral("organization"), .check = valueWhenGiven(&FieldChecks::checkGitHubOrganization), .inValues = true };
    ProviderField appName{ .key = QStringLiteral("appName"), .check = requiredValue(&FieldChecks::checkGitHubAppName), .inValues = true };
    ProviderField appId{ .key = QStringLiteral("appId"), .kind = Kind::Number, .check = requiredValue(&FieldChecks::checkGitHubAppId),
                         .inValues = true, .inAgentConfig = true };
    ProviderField clientId{ .key = QStringLiteral("clientId"), .check = requiredValue(&FieldChecks::checkGitHubClientId), .inValues = true };
    ProviderField clientSecret{ .key = QStringLiteral("clientSecret"), .kind = Kind::Secret,
                                .check = requiredValue(&FieldChecks::checkRequiredSecret), .inValues = true };
    // The key comes from its file, or (the manifest flow) from GitHub itself: one of the two.
    ProviderField privateKeyFile{ .key = QStringLiteral("privateKeyFile"), .kind = Kind::File,
                                  .check = [](const QString &path, const ProviderAnswers &answers) -> std::optional<QString> {
                                      if (!answers.value(QStringLiteral("privateKey")).isEmpty())
                                          return std::nullopt;
                                      return FieldChecks::checkPrivateKeyFile(path);
                                  } };
    ProviderField privateKey{ .key = QStringLiteral("privateKey"), .kind = Kind::PrivateKey,
                              .check = [](const QString &pem, const ProviderAnswers &) -> std::optional<QString> {
                                  if (pem.isEmpty())
                                      return std::nullopt;
                                  if (const auto key = PrivateKey::fromPem(pem.toUtf8(), QStringLiteral("the key")); !key)
                                      return key.error();
                                  return std::nullopt;
                              },
                              .fromAnswersFile = false, .inValues = true, .inAgentConfig = true,
                              .secretFileName = QStringLiteral("github-app.pem"), .keychainName = QStringLiteral("github.privateKeyPem") };
    ProviderField webhookSecret{ .key = QStringLiteral("webhookSecret"), .kind = Kind::GeneratedSecret,
                                 .check = requiredValue(&FieldChecks::checkOptionalSecret), .inValues = true,
                                 .inAgentConfig = true, .secretFileName = QStringLiteral("github-webhook-secret") };
    ProviderField apiUrl{ .key = QStringLiteral("apiUrl"), .kind = Kind::Url, .defaultValue = QStringLiteral("https://api.github.com"),
                          .check = requiredValue(&FieldChecks::checkServiceUrl), .inValues = true, .inAgentConfig = true };
    return { organization, appName, appId, clientId, clientSecret, privateKeyFile, privateKey, webhookSecret, apiUrl };
}

CheckOutcome GitHubProvider::check(const Answers &answers, const NetworkSettings &network) const
{
    return GitHubCheck::run(*answers.provider(kind()), network);
}

QString GitHubProvider::webUrl(const QString &apiUrl)
{
    QUrl url(apiUrl);
    if (url.host() == u"api.github.com")
        return QStringLiteral("https://github.com");
    url.setPath(QString());
    return url.toString(QUrl::StripTrailingSlash);
}

} // namespace forgelink

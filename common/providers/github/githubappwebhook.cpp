#include "providers/github/githubappwebhook.h"

#include "providers/github/githubprovider.h"
#include "providers/repositorylister.h"
#include "settings/agentconfig.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace forgelink {

namespace {

Result<GitHubAppAuth> appAuth(const AgentConfig &config, const QString &purpose)
{
    const std::optional<GitHubSettings> github = config.settingsOf<GitHubSettings>(Provider::GitHub);
    if (!github)
        return fail(QStringLiteral("providers.github is needed to %1").arg(purpose));
    Result<GitHubAppAuth> auth = GitHubAppAuth::fromSettings(*github);
    if (!auth)
        return fail(QStringLiteral("%1; it is needed to %2").arg(auth.error(), purpose));
    return auth;
}

} // namespace

Result<void> GitHubAppWebhook::setSecret(ApiClient &client, const GitHubAppAuth &auth, const QByteArray &secret)
{
    Result<ApiClient::Headers> headers = auth.appHeaders();
    if (!headers)
        return fail(headers.error());
    headers->append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    Result<ApiClient::Response> response = client.request(
            "PATCH", QStringLiteral("/app/hook/config"), headers.value(),
            QJsonDocument(QJsonObject{ { QStringLiteral("secret"), QString::fromUtf8(secret) } }).toJson(QJsonDocument::Compact));
    if (!response)
        return fail(response.error());
    if (response->status != 200)
        return fail(QStringLiteral("GitHub refused the App's webhook secret: %1").arg(ApiClient::describe(*response)));
    return {};
}

Result<QStringList> GitHubAppWebhook::setSecret(const AgentConfig &config, const QByteArray &secret)
{
    const std::optional<GitHubSettings> github = config.settingsOf<GitHubSettings>(Provider::GitHub);
    Result<GitHubAppAuth> auth = appAuth(config, QStringLiteral("change the App's webhook secret"));
    if (!auth)
        return fail(auth.error());
    ApiClient client(RepositoryLister::apiSettings(github->apiUrl, config.network));
    if (Result<void> set = setSecret(client, auth.value(), secret); !set)
        return fail(set.error());
    return QStringList{ QStringLiteral("github: the App's webhook has the new secret") };
}

Result<QStringList> GitHubAppWebhook::checkInstallation(const AgentConfig &config, const QString &repository)
{
    const std::optional<GitHubSettings> github = config.settingsOf<GitHubSettings>(Provider::GitHub);
    Result<GitHubAppAuth> auth = appAuth(config, QStringLiteral("check the installation"));
    if (!auth)
        return fail(auth.error());
    Result<ApiClient::Headers> headers = auth->appHeaders();
    if (!headers)
        return fail(headers.error());
    ApiClient client(RepositoryLister::apiSettings(github->apiUrl, config.network));
    Result<ApiClient::Response> installation = client.get(QStringLiteral("/repos/%1/installation").arg(repository), headers.value());
    if (!installation)
        return fail(installation.error());
    if (installation->status == 200) {
        const qint64 id = qint64(QJsonDocument::fromJson(installation->body).object().value(QStringLiteral("id")).toDouble());
        return QStringList{ QStringLiteral("github %1: the App is installed (installation %2); its webhook covers the repository")
                                    .arg(repository)
                                    .arg(id) };
    }
    if (installation->status != 404)
        return fail(QStringLiteral("GitHub answered %1 for the installation on %2").arg(ApiClient::describe(*installation), repository));
    Result<ApiClient::Response> app = client.get(QStringLiteral("/app"), headers.value());
    const QString slug = app && app->status == 200 ? QJsonDocument::fromJson(app->body).object().value(QStringLiteral("slug")).toString() : QString();
    return fail(QStringLiteral("the App is not installed on %1: install it at %2 and choose the repository")
                        .arg(repository,
                             slug.isEmpty() ? QStringLiteral("the App's public page")
                                            : GitHubProvider::webUrl(github->apiUrl) + QStringLiteral("/apps/") + slug
                                                    + QStringLiteral("/installations/new")));
}

} // namespace forgelink

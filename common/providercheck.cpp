#include "providercheck.h"

#include "apiclient.h"
#include "githubappauth.h"
#include "privatekey.h"
#include "providercatalogue.h"
#include "repositorylister.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace forgelink {

namespace {

ProviderCheck::Outcome failed(const QString &problem)
{
    ProviderCheck::Outcome outcome;
    outcome.problems << problem;
    return outcome;
}

QString unreachable(const QString &provider, const QString &error)
{
    QString hint;
    if (error.contains(QStringLiteral("certificate"), Qt::CaseInsensitive) || error.contains(QStringLiteral("SSL"), Qt::CaseInsensitive))
        hint = QStringLiteral(" The server's certificate is not trusted: give the CA bundle of your company.");
    else if (error.contains(QStringLiteral("not found"), Qt::CaseInsensitive) || error.contains(QStringLiteral("refused"), Qt::CaseInsensitive))
        hint = QStringLiteral(" Check the URL, and the proxy if this network needs one.");
    return QStringLiteral("%1 cannot be reached: %2.%3").arg(provider, error, hint);
}

} // namespace

QString ProviderCheck::githubWebUrl(const QString &apiUrl)
{
    QUrl url(apiUrl);
    if (url.host() == u"api.github.com")
        return QStringLiteral("https://github.com");
    url.setPath(QString());
    return url.toString(QUrl::StripTrailingSlash);
}

ProviderCheck::Outcome ProviderCheck::run(Provider provider, const Answers &answers)
{
    NetworkSettings network;
    network.caBundleFile = answers.caBundleFile;
    network.proxyUrl = answers.proxyUrl;
    network.maxRateLimitWaitMs = 10'000; // an admin is waiting
    switch (provider) {
    case Provider::GitHub:
        return answers.github ? github(*answers.github, network) : failed(QStringLiteral("GitHub is not enabled"));
    case Provider::GitLab:
        return answers.gitlab ? gitlab(*answers.gitlab, network) : failed(QStringLiteral("GitLab is not enabled"));
    case Provider::Bitbucket:
        return answers.bitbucket ? bitbucket(*answers.bitbucket, network) : failed(QStringLiteral("Bitbucket is not enabled"));
    case Provider::AzureDevOps:
        return answers.azureDevOps ? azureDevOps(*answers.azureDevOps, network) : failed(QStringLiteral("Azure DevOps is not enabled"));
    }
    return {};
}

ProviderCheck::Outcome ProviderCheck::github(const GitHubAnswers &answers, const NetworkSettings &network)
{
    Result<PrivateKey> key = answers.privateKeyPem.isEmpty() ? PrivateKey::fromFile(answers.privateKeyFile)
                                                             : PrivateKey::fromPem(answers.privateKeyPem, QStringLiteral("the private key"));
    if (!key)
        return failed(key.error());
    Result<ApiClient::Headers> headers = GitHubAppAuth(answers.appId, key.value()).appHeaders();
    if (!headers)
        return failed(headers.error());
    ApiSettings settings = RepositoryLister::apiSettings(answers.apiUrl, network);
    settings.maxAttempts = 2;
    ApiClient client(settings);
    Result<ApiClient::Response> response = client.get(QStringLiteral("/app"), headers.value());
    if (!response)
        return failed(unreachable(QStringLiteral("GitHub"), response.error()));
    if (response->status == 401)
        return failed(QStringLiteral("GitHub rejected the App's token (401): check the App ID and that the private key was generated for this App."));
    if (response->status != 200)
        return failed(QStringLiteral("GitHub answered %1 when reading the App.").arg(ApiClient::describe(*response)));

    Outcome outcome;
    const QJsonObject app = QJsonDocument::fromJson(response->body).object();
    const QString slug = app.value(QStringLiteral("slug")).toString();
    outcome.facts << QStringLiteral("App \"%1\" (%2), ID %3").arg(app.value(QStringLiteral("name")).toString(), slug)
                             .arg(qint64(app.value(QStringLiteral("id")).toDouble()));
    const QString clientId = app.value(QStringLiteral("client_id")).toString();
    if (!clientId.isEmpty() && !answers.clientId.isEmpty() && clientId != answers.clientId)
        outcome.problems << QStringLiteral("The Client ID is %1 on GitHub, not %2.").arg(clientId, answers.clientId);

    const QJsonObject permissions = app.value(QStringLiteral("permissions")).toObject();
    const QStringList keys = ProviderCatalogue::githubPermissions();
    const QStringList labels = ProviderCatalogue::githubPermissionLabels();
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const QString granted = permissions.value(keys.at(i)).toString();
        if (granted != u"write")
            outcome.problems << QStringLiteral("Repository permission \"%1\" is %2; it must be Read & Write.")
                                        .arg(labels.at(i), granted.isEmpty() ? QStringLiteral("not granted") : granted);
    }
    QStringList events;
    for (const QJsonValue &event : app.value(QStringLiteral("events")).toArray())
        events << event.toString();
    for (const QString &event : ProviderCatalogue::githubEvents()) {
        if (!events.contains(event))
            outcome.problems << QStringLiteral("The App is not subscribed to the \"%1\" event.").arg(event);
    }
    if (!slug.isEmpty())
        outcome.installUrl = githubWebUrl(answers.apiUrl) + QStringLiteral("/apps/") + slug + QStringLiteral("/installations/new");
    outcome.passed = outcome.problems.isEmpty();
    return outcome;
}

ProviderCheck::Outcome ProviderCheck::gitlab(const GitLabAnswers &answers, const NetworkSettings &network)
{
    ApiSettings settings = RepositoryLister::apiSettings(answers.url + QStringLiteral("/api/v4"), network);
    settings.maxAttempts = 2;
    ApiClient client(settings);
    const ApiClient::Headers headers{ { "PRIVATE-TOKEN", answers.token.toUtf8() } };
    Result<ApiClient::Response> response = client.get(QStringLiteral("/personal_access_tokens/self"), headers);
    if (!response)
        return failed(unreachable(QStringLiteral("GitLab"), response.error()));
    if (response->status == 401)
        return failed(QStringLiteral("GitLab rejected the token (401): it is invalid, expired or revoked."));
    if (response->status == 404)
        return failed(QStringLiteral("This GitLab cannot describe tokens (it needs GitLab 15.5 or newer), or the URL is not a GitLab."));
    if (response->status != 200)
        return failed(QStringLiteral("GitLab answered %1 when reading the token.").arg(ApiClient::describe(*response)));

    Outcome outcome;
    const QJsonObject token = QJsonDocument::fromJson(response->body).object();
    if (token.value(QStringLiteral("revoked")).toBool() || token.value(QStringLiteral("active")) == QJsonValue(false))
        outcome.problems << QStringLiteral("The token is revoked or inactive; create a new one.");
    QStringList scopes;
    for (const QJsonValue &scope : token.value(QStringLiteral("scopes")).toArray())
        scopes << scope.toString();
    outcome.facts << QStringLiteral("Token \"%1\" with scopes %2").arg(token.value(QStringLiteral("name")).toString(), scopes.join(u", "));
    for (const QString &needed : ProviderCatalogue::gitlabScopes()) {
        if (!scopes.contains(needed))
            outcome.problems << QStringLiteral("The token lacks the \"%1\" scope; create one with api, read_user and read_repository.").arg(needed);
    }
    const QDate expires = QDate::fromString(token.value(QStringLiteral("expires_at")).toString(), Qt::ISODate);
    if (expires.isValid()) {
        outcome.facts << QStringLiteral("It expires on %1").arg(expires.toString(Qt::ISODate));
        if (expires < QDate::currentDate())
            outcome.problems << QStringLiteral("The token expired on %1.").arg(expires.toString(Qt::ISODate));
        else if (QDate::currentDate().daysTo(expires) < 30)
            outcome.facts << QStringLiteral("Warning: it expires in %1 days; Pipekit stops working then.").arg(QDate::currentDate().daysTo(expires));
    } else {
        outcome.facts << QStringLiteral("It does not expire");
    }
    outcome.passed = outcome.problems.isEmpty();
    return outcome;
}

ProviderCheck::Outcome ProviderCheck::bitbucket(const BitbucketAnswers &answers, const NetworkSettings &network)
{
    ApiSettings settings = RepositoryLister::apiSettings(answers.url, network);
    settings.maxAttempts = 2;
    ApiClient client(settings);
    const ApiClient::Headers headers{ { "Authorization", "Bearer " + answers.token.toUtf8() } };
    Result<ApiClient::Response> repos = client.get(QStringLiteral("/rest/api/latest/repos?permission=REPO_ADMIN&limit=1"), headers);
    if (!repos)
        return failed(unreachable(QStringLiteral("Bitbucket"), repos.error()));
    if (repos->status == 401)
        return failed(QStringLiteral("Bitbucket rejected the HTTP access token (401): it is invalid or expired."));
    if (repos->status != 200)
        return failed(QStringLiteral("Bitbucket answered %1 when listing repositories.").arg(ApiClient::describe(*repos)));
    Outcome outcome;
    const QJsonObject page = QJsonDocument::fromJson(repos->body).object();
    if (page.value(QStringLiteral("values")).toArray().isEmpty())
        outcome.problems << QStringLiteral("The token administers no repository: give it the REPO_ADMIN permission.");
    else
        outcome.facts << QStringLiteral("The token administers repositories (REPO_ADMIN)");
    Result<ApiClient::Response> projects = client.get(QStringLiteral("/rest/api/latest/projects?limit=1"), headers);
    if (!projects || projects->status != 200)
        outcome.problems << QStringLiteral("The token cannot read projects: give it the PROJECT_READ permission.");
    else
        outcome.facts << QStringLiteral("The token reads projects (PROJECT_READ)");
    outcome.passed = outcome.problems.isEmpty();
    return outcome;
}

ProviderCheck::Outcome ProviderCheck::azureDevOps(const AzureDevOpsAnswers &answers, const NetworkSettings &network)
{
    ApiSettings settings = RepositoryLister::apiSettings(answers.organizationUrl, network);
    settings.maxAttempts = 2;
    ApiClient client(settings);
    const ApiClient::Headers headers{ { "Authorization", "Basic " + (":" + answers.token.toUtf8()).toBase64() },
                                      { "Accept", "application/json" } };
    Result<ApiClient::Response> projects = client.get(QStringLiteral("/_apis/projects?api-version=7.1&$top=100"), headers);
    if (!projects)
        return failed(unreachable(QStringLiteral("Azure DevOps"), projects.error()));
    // A bad PAT gets 203 and a sign-in page, or 401.
    if (projects->status == 203 || projects->status == 401)
        return failed(QStringLiteral("Azure DevOps rejected the personal access token: it is invalid, expired, or not for this organization."));
    if (projects->status != 200)
        return failed(QStringLiteral("Azure DevOps answered %1 when listing projects.").arg(ApiClient::describe(*projects)));
    Outcome outcome;
    const int count = int(QJsonDocument::fromJson(projects->body).object().value(QStringLiteral("value")).toArray().size());
    outcome.facts << QStringLiteral("The token reads %1 project(s)").arg(count);
    Result<ApiClient::Response> subscriptions = client.get(QStringLiteral("/_apis/hooks/subscriptions?api-version=7.1"), headers);
    if (!subscriptions || subscriptions->status != 200)
        outcome.problems << QStringLiteral("The token cannot manage Service Hook subscriptions: its owner must be a Project "
                                           "Administrator or have \"Edit subscriptions\", and the token needs the Code (Read, "
                                           "Write & Status) scope.");
    else
        outcome.facts << QStringLiteral("The token reads Service Hook subscriptions");
    outcome.passed = outcome.problems.isEmpty();
    return outcome;
}

} // namespace forgelink

#include "providers/providercheck.h"

#include "providers/apiclient.h"
#include "providers/azuredevops/azuredevopsapi.h"
#include "providers/github/githubappauth.h"
#include "crypto/privatekey.h"
#include "providers/providercatalogue.h"
#include "providers/repositorylister.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
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
    Result<ApiClient::Response> repos = client.get(QStringLiteral("/rest/api/latest/repos?permission=REPO_ADMIN&limit=1000"), headers);
    if (!repos)
        return failed(unreachable(QStringLiteral("Bitbucket"), repos.error()));
    if (repos->status == 401)
        return failed(QStringLiteral("Bitbucket rejected the HTTP access token (401): it is invalid or expired."));
    if (repos->status != 200)
        return failed(QStringLiteral("Bitbucket answered %1 when listing repositories.").arg(ApiClient::describe(*repos)));
    Outcome outcome;
    QSet<QString> administeredProjects;
    for (const QJsonValue &repo : QJsonDocument::fromJson(repos->body).object().value(QStringLiteral("values")).toArray())
        administeredProjects.insert(repo.toObject().value(QStringLiteral("project")).toObject().value(QStringLiteral("key")).toString());
    if (administeredProjects.isEmpty()) {
        outcome.problems << QStringLiteral("The token administers no repository: give it the REPO_ADMIN permission.");
        return outcome;
    }
    outcome.facts << QStringLiteral("The token administers repositories in %1 project(s) (REPO_ADMIN)").arg(administeredProjects.size());
    // The project listing answers 200 with whatever the token may view, possibly nothing, so it
    // proves no permission; filtered by PROJECT_READ it lists exactly the projects the token reads.
    Result<ApiClient::Response> projects = client.get(QStringLiteral("/rest/api/latest/projects?permission=PROJECT_READ&limit=1000"), headers);
    if (!projects || projects->status != 200) {
        outcome.problems << QStringLiteral("Bitbucket did not say which projects the token reads (%1).")
                                    .arg(projects ? ApiClient::describe(*projects) : projects.error());
        return outcome;
    }
    QSet<QString> readable;
    for (const QJsonValue &project : QJsonDocument::fromJson(projects->body).object().value(QStringLiteral("values")).toArray())
        readable.insert(project.toObject().value(QStringLiteral("key")).toString());
    QStringList missing;
    for (const QString &key : administeredProjects) {
        if (!readable.contains(key))
            missing << key;
    }
    missing.sort();
    if (!missing.isEmpty())
        outcome.problems << QStringLiteral("The token lacks PROJECT_READ on %1: create it as a project token (or a personal "
                                           "token) with project read and repository admin.")
                                    .arg(missing.join(QStringLiteral(", ")));
    else
        outcome.facts << QStringLiteral("The token reads those projects (PROJECT_READ)");
    outcome.passed = outcome.problems.isEmpty();
    return outcome;
}

ProviderCheck::Outcome ProviderCheck::azureDevOps(const AzureDevOpsAnswers &answers, const NetworkSettings &network)
{
    ApiSettings settings = RepositoryLister::apiSettings(answers.organizationUrl, network);
    settings.maxAttempts = 2;
    ApiClient client(settings);
    const ApiClient::Headers headers = AzureDevOpsApi::headers(answers.token.toUtf8());
    const QString version = answers.apiVersion.isEmpty() ? AzureDevOpsApi::defaultApiVersion(answers.organizationUrl) : answers.apiVersion;
    Result<ApiClient::Response> projects = client.get(QStringLiteral("/_apis/projects?api-version=%1&$top=100").arg(version), headers);
    if (!projects)
        return failed(unreachable(QStringLiteral("Azure DevOps"), projects.error()));
    // A bad PAT gets 203 and a sign-in page, or 401.
    if (projects->status == 203 || projects->status == 401)
        return failed(QStringLiteral("Azure DevOps rejected the personal access token: it is invalid, expired, or not for this organization."));
    if (const QString problem = AzureDevOpsApi::versionProblem(*projects, version); !problem.isEmpty())
        return failed(QStringLiteral("Azure DevOps refused the REST API version: %1.").arg(problem));
    if (projects->status != 200)
        return failed(QStringLiteral("Azure DevOps answered %1 when listing projects.").arg(ApiClient::describe(*projects)));
    Outcome outcome;
    QStringList projectIds;
    QHash<QString, QString> projectNames;
    for (const QJsonValue &value : QJsonDocument::fromJson(projects->body).object().value(QStringLiteral("value")).toArray()) {
        const QJsonObject project = value.toObject();
        projectIds << project.value(QStringLiteral("id")).toString();
        projectNames.insert(projectIds.last(), project.value(QStringLiteral("name")).toString());
    }
    outcome.facts << QStringLiteral("The token reads %1 project(s) (REST API %2)").arg(projectIds.size()).arg(version);
    Result<ApiClient::Response> subscriptions = client.get(QStringLiteral("/_apis/hooks/subscriptions?api-version=%1").arg(version), headers);
    if (!subscriptions || subscriptions->status != 200) {
        outcome.problems << QStringLiteral("The token cannot read Service Hook subscriptions: its owner must be a Project "
                                           "Administrator or have \"View subscriptions\" and \"Edit subscriptions\", and the token "
                                           "needs the Code (Read, Write & Status) scope.");
        return outcome;
    }
    outcome.facts << QStringLiteral("The token reads Service Hook subscriptions");
    if (projectIds.isEmpty()) {
        outcome.problems << QStringLiteral("The token reads no project: give it Project & Team (Read).");
        return outcome;
    }
    // Viewing and editing subscriptions are separate permissions: a listing that works proves only
    // the first. Ask Azure DevOps whether the token's owner may edit and delete them in each
    // project, which changes nothing (Security REST API, "Permissions - Has Permissions").
    QStringList tokens;
    for (const QString &id : projectIds)
        tokens << QStringLiteral("PublisherSecurity/") + id;
    Result<ApiClient::Response> allowed = client.get(
            QStringLiteral("/_apis/permissions/%1/%2?tokens=%3&alwaysAllowAdministrators=true&api-version=%4")
                    .arg(AzureDevOpsApi::serviceHooksNamespace())
                    .arg(AzureDevOpsApi::kEditSubscriptions | AzureDevOpsApi::kDeleteSubscriptions)
                    .arg(QString::fromUtf8(QUrl::toPercentEncoding(tokens.join(QLatin1Char(',')), "/")), version),
            headers);
    if (!allowed || allowed->status != 200) {
        outcome.problems << QStringLiteral("Azure DevOps did not say whether the token's owner may edit Service Hook subscriptions "
                                           "(%1); attaching repositories needs \"Edit subscriptions\".")
                                    .arg(allowed ? ApiClient::describe(*allowed) : allowed.error());
        return outcome;
    }
    const QJsonArray answersPerProject = QJsonDocument::fromJson(allowed->body).object().value(QStringLiteral("value")).toArray();
    QStringList without;
    for (qsizetype i = 0; i < projectIds.size(); ++i) {
        if (!answersPerProject.at(i).toBool(false))
            without << projectNames.value(projectIds.at(i));
    }
    if (without.size() == projectIds.size())
        outcome.problems << QStringLiteral("The token's owner may not edit Service Hook subscriptions (\"Edit subscriptions\" and "
                                           "\"Delete subscriptions\") in any project: make them a Project Administrator or grant "
                                           "those permissions.");
    else if (!without.isEmpty())
        outcome.facts << QStringLiteral("Warning: the token's owner may not edit Service Hook subscriptions in %1; repositories "
                                        "there cannot be attached.")
                                 .arg(without.join(QStringLiteral(", ")));
    else
        outcome.facts << QStringLiteral("Its owner may edit Service Hook subscriptions in every project it reads");
    outcome.passed = outcome.problems.isEmpty();
    return outcome;
}

} // namespace forgelink

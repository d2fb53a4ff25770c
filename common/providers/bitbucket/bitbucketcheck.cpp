#include "providers/bitbucket/bitbucketcheck.h"

#include "providers/apiclient.h"
#include "providers/repositorylister.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>

namespace forgelink {

CheckOutcome BitbucketCheck::run(const ProviderAnswers &answers, const NetworkSettings &network)
{
    ApiSettings settings = RepositoryLister::apiSettings(answers.value(QStringLiteral("url")), network);
    settings.maxAttempts = 2;
    ApiClient client(settings);
    const ApiClient::Headers headers{ { "Authorization", "Bearer " + answers.value(QStringLiteral("token")).toUtf8() } };
    Result<ApiClient::Response> repos = client.get(QStringLiteral("/rest/api/latest/repos?permission=REPO_ADMIN&limit=1000"), headers);
    if (!repos)
        return CheckOutcome::unreachable(QStringLiteral("Bitbucket"), repos.error(), client.lastFailure());
    if (repos->status == 401)
        return CheckOutcome::failed(tr("Bitbucket rejected the HTTP access token (401): it is invalid or expired."));
    if (repos->status != 200)
        return CheckOutcome::failed(tr("Bitbucket answered %1 when listing repositories.").arg(ApiClient::describe(*repos)));
    CheckOutcome outcome;
    QSet<QString> administeredProjects;
    for (const QJsonValue &repo : QJsonDocument::fromJson(repos->body).object().value(QStringLiteral("values")).toArray())
        administeredProjects.insert(repo.toObject().value(QStringLiteral("project")).toObject().value(QStringLiteral("key")).toString());
    if (administeredProjects.isEmpty()) {
        outcome.problems << tr("The token administers no repository: give it the REPO_ADMIN permission.");
        return outcome;
    }
    outcome.facts << tr("The token administers repositories in %1 project(s) (REPO_ADMIN)").arg(administeredProjects.size());
    // The project listing answers 200 with whatever the token may view, possibly nothing, so it
    // proves no permission; filtered by PROJECT_READ it lists exactly the projects the token reads.
    Result<ApiClient::Response> projects = client.get(QStringLiteral("/rest/api/latest/projects?permission=PROJECT_READ&limit=1000"), headers);
    if (!projects || projects->status != 200) {
        outcome.problems << tr("Bitbucket did not say which projects the token reads (%1).")
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
        outcome.problems << tr("The token lacks PROJECT_READ on %1: create it as a project token (or a personal "
                                           "token) with project read and repository admin.")
                                    .arg(missing.join(QStringLiteral(", ")));
    else
        outcome.facts << tr("The token reads those projects (PROJECT_READ)");
    outcome.passed = outcome.problems.isEmpty();
    return outcome;
}

} // namespace forgelink

#include "providers/azuredevops/azuredevopscheck.h"

#include "providers/apiclient.h"
#include "providers/azuredevops/azuredevopsapi.h"
#include "providers/repositorylister.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>

namespace forgelink {

CheckOutcome AzureDevOpsCheck::run(const ProviderAnswers &answers, const NetworkSettings &network)
{
    const QString organizationUrl = answers.value(QStringLiteral("organizationUrl"));
    ApiSettings settings = RepositoryLister::apiSettings(organizationUrl, network);
    settings.maxAttempts = 2;
    ApiClient client(settings);
    const ApiClient::Headers headers = AzureDevOpsApi::headers(answers.value(QStringLiteral("token")).toUtf8());
    const QString given = answers.value(QStringLiteral("apiVersion"));
    const QString version = given.isEmpty() ? AzureDevOpsApi::defaultApiVersion(organizationUrl) : given;
    Result<ApiClient::Response> projects = client.get(QStringLiteral("/_apis/projects?api-version=%1&$top=100").arg(version), headers);
    if (!projects)
        return CheckOutcome::unreachable(QStringLiteral("Azure DevOps"), projects.error(), client.lastFailure());
    // A bad PAT gets 203 and a sign-in page, or 401.
    if (projects->status == 203 || projects->status == 401)
        return CheckOutcome::failed(tr("Azure DevOps rejected the personal access token: it is invalid, expired, or not for this organization."));
    if (const QString problem = AzureDevOpsApi::versionProblem(*projects, version); !problem.isEmpty())
        return CheckOutcome::failed(tr("Azure DevOps refused the REST API version: %1.").arg(problem));
    if (projects->status != 200)
        return CheckOutcome::failed(tr("Azure DevOps answered %1 when listing projects.").arg(ApiClient::describe(*projects)));
    CheckOutcome outcome;
    QStringList projectIds;
    QHash<QString, QString> projectNames;
    for (const QJsonValue &value : QJsonDocument::fromJson(projects->body).object().value(QStringLiteral("value")).toArray()) {
        const QJsonObject project = value.toObject();
        projectIds << project.value(QStringLiteral("id")).toString();
        projectNames.insert(projectIds.last(), project.value(QStringLiteral("name")).toString());
    }
    outcome.facts << tr("The token reads %1 project(s) (REST API %2)").arg(projectIds.size()).arg(version);
    Result<ApiClient::Response> subscriptions = client.get(QStringLiteral("/_apis/hooks/subscriptions?api-version=%1").arg(version), headers);
    if (!subscriptions || subscriptions->status != 200) {
        outcome.problems << tr("The token cannot read Service Hook subscriptions: its owner must be a Project "
                                           "Administrator or have \"View subscriptions\" and \"Edit subscriptions\", and the token "
                                           "needs the Code (Read, Write & Status) scope.");
        return outcome;
    }
    outcome.facts << tr("The token reads Service Hook subscriptions");
    if (projectIds.isEmpty()) {
        outcome.problems << tr("The token reads no project: give it Project & Team (Read).");
        return outcome;
    }
    // Viewing and editing subscriptions are separate permissions: a listing that works proves only
    // the first. Ask Azure DevOps whether the token's owner may edit them in each project, which
    // changes nothing (Security REST API, "Permissions - Has Permissions"). Edit covers deleting:
    // the Delete bit is no longer used (namespace reference of the ServiceHooks namespace).
    QStringList tokens;
    for (const QString &id : projectIds)
        tokens << QStringLiteral("PublisherSecurity/") + id;
    Result<ApiClient::Response> allowed = client.get(
            QStringLiteral("/_apis/permissions/%1/%2?tokens=%3&alwaysAllowAdministrators=true&api-version=%4")
                    .arg(AzureDevOpsApi::serviceHooksNamespace())
                    .arg(AzureDevOpsApi::kEditSubscriptions)
                    .arg(QString::fromUtf8(QUrl::toPercentEncoding(tokens.join(QLatin1Char(',')), "/")), version),
            headers);
    if (!allowed || allowed->status != 200) {
        outcome.problems << tr("Azure DevOps did not say whether the token's owner may edit Service Hook subscriptions "
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
        outcome.problems << tr("The token's owner may not edit Service Hook subscriptions (\"Edit subscriptions\") in "
                                           "any project: make them a Project Administrator or grant that permission.");
    else if (!without.isEmpty())
        outcome.facts << tr("Warning: the token's owner may not edit Service Hook subscriptions in %1; repositories "
                                        "there cannot be attached.")
                                 .arg(without.join(QStringLiteral(", ")));
    else
        outcome.facts << tr("Its owner may edit Service Hook subscriptions in every project it reads");
    outcome.passed = outcome.problems.isEmpty();
    return outcome;
}

} // namespace forgelink

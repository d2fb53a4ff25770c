#include "providers/gitlab/gitlabcheck.h"

#include "providers/apiclient.h"
#include "providers/providercatalogue.h"
#include "providers/repositorylister.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace forgelink {

CheckOutcome GitLabCheck::run(const ProviderAnswers &answers, const NetworkSettings &network)
{
    ApiSettings settings = RepositoryLister::apiSettings(answers.value(QStringLiteral("url")) + QStringLiteral("/api/v4"), network);
    settings.maxAttempts = 2;
    ApiClient client(settings);
    const ApiClient::Headers headers{ { "PRIVATE-TOKEN", answers.value(QStringLiteral("token")).toUtf8() } };
    Result<ApiClient::Response> response = client.get(QStringLiteral("/personal_access_tokens/self"), headers);
    if (!response)
        return CheckOutcome::unreachable(QStringLiteral("GitLab"), response.error(), client.lastFailure());
    if (response->status == 401)
        return CheckOutcome::failed(tr("GitLab rejected the token (401): it is invalid, expired or revoked."));
    if (response->status == 404)
        return CheckOutcome::failed(tr("This GitLab cannot describe tokens (it needs GitLab 15.5 or newer), or the URL is not a GitLab."));
    if (response->status != 200)
        return CheckOutcome::failed(tr("GitLab answered %1 when reading the token.").arg(ApiClient::describe(*response)));

    CheckOutcome outcome;
    const QJsonObject token = QJsonDocument::fromJson(response->body).object();
    if (token.value(QStringLiteral("revoked")).toBool() || token.value(QStringLiteral("active")) == QJsonValue(false))
        outcome.problems << tr("The token is revoked or inactive; create a new one.");
    QStringList scopes;
    for (const QJsonValue &scope : token.value(QStringLiteral("scopes")).toArray())
        scopes << scope.toString();
    outcome.facts << tr("Token \"%1\" with scopes %2").arg(token.value(QStringLiteral("name")).toString(), scopes.join(u", "));
    for (const QString &needed : ProviderCatalogue::gitlabScopes()) {
        if (!scopes.contains(needed))
            outcome.problems << tr("The token lacks the \"%1\" scope; create one with api, read_user and read_repository.").arg(needed);
    }
    const QDate expires = QDate::fromString(token.value(QStringLiteral("expires_at")).toString(), Qt::ISODate);
    if (expires.isValid()) {
        outcome.facts << tr("It expires on %1").arg(expires.toString(Qt::ISODate));
        if (expires < QDate::currentDate())
            outcome.problems << tr("The token expired on %1.").arg(expires.toString(Qt::ISODate));
        else if (QDate::currentDate().daysTo(expires) < 30)
            outcome.facts << tr("Warning: it expires in %1 days; Pipekit stops working then.").arg(QDate::currentDate().daysTo(expires));
    } else {
        outcome.facts << tr("It does not expire");
    }
    outcome.passed = outcome.problems.isEmpty();
    return outcome;
}

} // namespace forgelink

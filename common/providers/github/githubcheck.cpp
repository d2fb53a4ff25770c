#include "providers/github/githubcheck.h"

#include "crypto/privatekey.h"
#include "providers/apiclient.h"
#include "providers/github/githubappauth.h"
#include "providers/github/githubprovider.h"
#include "providers/providercatalogue.h"
#include "providers/repositorylister.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace forgelink {

CheckOutcome GitHubCheck::run(const ProviderAnswers &answers, const NetworkSettings &network)
{
    const QByteArray pem = answers.value(QStringLiteral("privateKey")).toUtf8();
    Result<PrivateKey> key = pem.isEmpty() ? PrivateKey::fromFile(answers.value(QStringLiteral("privateKeyFile")))
                                           : PrivateKey::fromPem(pem, QStringLiteral("the private key"));
    if (!key)
        return CheckOutcome::failed(key.error());
    Result<ApiClient::Headers> headers = GitHubAppAuth(answers.value(QStringLiteral("appId")), key.value()).appHeaders();
    if (!headers)
        return CheckOutcome::failed(headers.error());
    ApiSettings settings = RepositoryLister::apiSettings(answers.value(QStringLiteral("apiUrl")), network);
    settings.maxAttempts = 2;
    ApiClient client(settings);
    Result<ApiClient::Response> response = client.get(QStringLiteral("/app"), headers.value());
    if (!response)
        return CheckOutcome::unreachable(QStringLiteral("GitHub"), response.error(), client.lastFailure());
    if (response->status == 401)
        return CheckOutcome::failed(tr("GitHub rejected the App's token (401): check the App ID and that the private key was generated for this App."));
    if (response->status != 200)
        return CheckOutcome::failed(tr("GitHub answered %1 when reading the App.").arg(ApiClient::describe(*response)));

    CheckOutcome outcome;
    const QJsonObject app = QJsonDocument::fromJson(response->body).object();
    const QString slug = app.value(QStringLiteral("slug")).toString();
    outcome.facts << tr("App \"%1\" (%2), ID %3").arg(app.value(QStringLiteral("name")).toString(), slug)
                             .arg(qint64(app.value(QStringLiteral("id")).toDouble()));
    const QString clientId = app.value(QStringLiteral("client_id")).toString();
    const QString givenClientId = answers.value(QStringLiteral("clientId"));
    if (!clientId.isEmpty() && !givenClientId.isEmpty() && clientId != givenClientId)
        outcome.problems << tr("The Client ID is %1 on GitHub, not %2.").arg(clientId, givenClientId);

    const QJsonObject permissions = app.value(QStringLiteral("permissions")).toObject();
    const QStringList keys = ProviderCatalogue::githubPermissions();
    const QStringList labels = ProviderCatalogue::githubPermissionLabels();
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const QString granted = permissions.value(keys.at(i)).toString();
        if (granted != u"write")
            outcome.problems << tr("Repository permission \"%1\" is %2; it must be Read & Write.")
                                        .arg(labels.at(i), granted.isEmpty() ? tr("not granted") : granted);
    }
    QStringList events;
    for (const QJsonValue &event : app.value(QStringLiteral("events")).toArray())
        events << event.toString();
    for (const QString &event : ProviderCatalogue::githubEvents()) {
        if (!events.contains(event))
            outcome.problems << tr("The App is not subscribed to the \"%1\" event.").arg(event);
    }
    if (!slug.isEmpty())
        outcome.nextStep = { tr("install the App on the repositories Pipekit should build"),
                             GitHubProvider::webUrl(answers.value(QStringLiteral("apiUrl"))) + QStringLiteral("/apps/") + slug + QStringLiteral("/installations/new") };
    outcome.passed = outcome.problems.isEmpty();
    return outcome;
}

} // namespace forgelink

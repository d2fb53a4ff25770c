#include "providers/github/githubmanifest.h"

#include "providers/github/githubappauth.h"
#include "providers/github/githubappwebhook.h"
#include "crypto/privatekey.h"
#include "providers/providercatalogue.h"
#include "crypto/secretgenerator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

namespace forgelink {

QJsonObject GitHubManifest::build(const QString &domain, const QString &appName, const QString &redirectUrl)
{
    const ProviderCatalogue catalogue(domain);
    QJsonObject permissions;
    for (const QString &permission : ProviderCatalogue::githubPermissions())
        permissions.insert(permission, QStringLiteral("write"));
    permissions.insert(QStringLiteral("metadata"), QStringLiteral("read"));
    QJsonArray callbacks;
    for (const QUrl &url : catalogue.githubCallbackUrls())
        callbacks.append(url.toString());
    return QJsonObject{ { QStringLiteral("name"), appName },
                        { QStringLiteral("url"), catalogue.homepageUrl().toString() },
                        { QStringLiteral("hook_attributes"),
                          QJsonObject{ { QStringLiteral("url"), catalogue.webhookUrl(Provider::GitHub).toString() },
                                       { QStringLiteral("active"), true } } },
                        { QStringLiteral("redirect_url"), redirectUrl },
                        { QStringLiteral("callback_urls"), callbacks },
                        { QStringLiteral("request_oauth_on_install"), true },
                        { QStringLiteral("public"), false },
                        { QStringLiteral("default_permissions"), permissions },
                        { QStringLiteral("default_events"), QJsonArray::fromStringList(ProviderCatalogue::githubEvents()) } };
}

QUrl GitHubManifest::formUrl(const QString &githubWebUrl, const QString &organization, const QString &state)
{
    QUrl url(githubWebUrl + (organization.isEmpty() ? QStringLiteral("/settings/apps/new")
                                                    : QStringLiteral("/organizations/%1/settings/apps/new").arg(organization)));
    url.setQuery(QUrlQuery{ { QStringLiteral("state"), state } });
    return url;
}

QByteArray GitHubManifest::formPage(const QJsonObject &manifest, const QUrl &formUrl)
{
    const QString json = QString::fromUtf8(QJsonDocument(manifest).toJson(QJsonDocument::Compact));
    return QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Create the GitHub App for Pipekit</title></head>\n"
                          "<body onload=\"document.forms[0].submit()\">\n"
                          "<form method=\"post\" action=\"%1\">\n"
                          "<input type=\"hidden\" name=\"manifest\" value=\"%2\">\n"
                          "<p>forgelink is sending Pipekit's App settings to GitHub. If nothing happens, press the button.</p>\n"
                          "<button type=\"submit\">Create the GitHub App</button>\n"
                          "</form></body></html>\n")
            .arg(formUrl.toString(QUrl::FullyEncoded).toHtmlEscaped(), json.toHtmlEscaped())
            .toUtf8();
}

Result<GitHubManifest::Redirect> GitHubManifest::parseRedirect(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(QStringLiteral("nothing was pasted: paste the address GitHub sent the browser to, or its code"));
    Redirect redirect;
    QString query = trimmed;
    if (trimmed.contains(QLatin1String("://")))
        query = QUrl(trimmed).query();
    if (query.contains(QLatin1String("code="))) {
        const QUrlQuery items(query);
        redirect.code = items.queryItemValue(QStringLiteral("code"));
        redirect.state = items.queryItemValue(QStringLiteral("state"));
    } else {
        redirect.code = trimmed;
    }
    static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9_-]{4,100}$"));
    if (!shape.match(redirect.code).hasMatch())
        return fail(QStringLiteral("that is not a code from GitHub's redirect (letters and digits after \"code=\")"));
    return redirect;
}

Result<GitHubManifest::App> GitHubManifest::convert(ApiClient &client, const QString &code, const QByteArray &fallbackSecret)
{
    Result<ApiClient::Response> response = client.request(
            "POST", QStringLiteral("/app-manifests/%1/conversions").arg(code),
            { { "Accept", "application/vnd.github+json" }, { "X-GitHub-Api-Version", "2022-11-28" } });
    if (!response)
        return fail(response.error());
    if (response->status == 404)
        return fail(QStringLiteral("GitHub does not know this code: it expired (the flow must finish within an hour) or was "
                                   "used already. Start again, or enter the App's details by hand."));
    if (response->status != 201)
        return fail(QStringLiteral("GitHub refused to create the App: %1").arg(ApiClient::describe(*response)));
    const QJsonObject body = QJsonDocument::fromJson(response->body).object();
    App app;
    app.id = qint64(body.value(QStringLiteral("id")).toDouble());
    app.slug = body.value(QStringLiteral("slug")).toString();
    app.name = body.value(QStringLiteral("name")).toString();
    app.clientId = body.value(QStringLiteral("client_id")).toString();
    app.clientSecret = body.value(QStringLiteral("client_secret")).toString();
    app.webhookSecret = body.value(QStringLiteral("webhook_secret")).toString();
    app.pem = body.value(QStringLiteral("pem")).toString().toUtf8();
    if (app.id <= 0 || app.clientId.isEmpty() || app.clientSecret.isEmpty() || app.pem.isEmpty())
        return fail(QStringLiteral("GitHub's answer lacks the App's id, client id, client secret or key"));
    if (!app.webhookSecret.isEmpty())
        return app;
    // Without a secret GitHub sends no signature, and the agent refuses every delivery: give the
    // App's webhook the one the answers hold.
    const QByteArray secret = fallbackSecret.isEmpty() ? SecretGenerator::generate().toUtf8() : fallbackSecret;
    Result<PrivateKey> key = PrivateKey::fromPem(app.pem, QStringLiteral("the App's new private key"));
    if (!key)
        return fail(key.error());
    if (Result<void> set = GitHubAppWebhook::setSecret(client, GitHubAppAuth(QString::number(app.id), key.value()), secret); !set)
        return fail(QStringLiteral("GitHub created the App \"%1\" without a webhook secret, and setting one failed: %2; set "
                                   "the webhook secret in the App's settings by hand")
                            .arg(app.name, set.error()));
    app.webhookSecret = QString::fromUtf8(secret);
    return app;
}

bool GitHubManifest::adopt(ProviderAnswers &answers, const App &app)
{
    answers.set(QStringLiteral("appName"), app.name);
    answers.set(QStringLiteral("appId"), QString::number(app.id));
    answers.set(QStringLiteral("clientId"), app.clientId);
    answers.set(QStringLiteral("clientSecret"), app.clientSecret);
    answers.set(QStringLiteral("privateKeyFile"), QString());
    answers.set(QStringLiteral("privateKey"), QString::fromUtf8(app.pem));
    const QString previous = answers.value(QStringLiteral("webhookSecret"));
    const bool replaced = !previous.isEmpty() && previous != app.webhookSecret;
    answers.set(QStringLiteral("webhookSecret"), app.webhookSecret);
    return replaced;
}

QString ManifestStates::issue()
{
    const QString state = SecretGenerator::generate(32);
    m_open.insert(state);
    return state;
}

QString ManifestStates::consume(const QString &state)
{
    if (state.isEmpty())
        return QStringLiteral("GitHub's redirect carries no state; start the flow again from forgelink");
    if (m_used.contains(state))
        return QStringLiteral("this redirect was used already; start the flow again");
    if (!m_open.remove(state))
        return QStringLiteral("the redirect's state does not match the flow forgelink started; start again");
    m_used.insert(state);
    return {};
}

} // namespace forgelink

#pragma once

#include "core/result.h"
#include "providers/apiclient.h"
#include "settings/answers.h"

#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QUrl>

namespace forgelink {

// GitHub's App Manifest flow: a form posts the manifest to GitHub, the admin confirms once,
// GitHub redirects back with a code, and the code converts into the App's ID, client ID, client
// secret, webhook secret and private key. All three steps must finish within GitHub's hour.
class GitHubManifest {
public:
    struct App {
        qint64 id = 0;
        QString slug;
        QString name;
        QString clientId;
        QString clientSecret;
        QString webhookSecret;
        QByteArray pem;
    };

    // The manifest for Pipekit's App, from the catalogue.
    static QJsonObject build(const QString &domain, const QString &appName, const QString &redirectUrl);
    // Where the form posts: the organization's (or the personal account's) "new App" page.
    static QUrl formUrl(const QString &githubWebUrl, const QString &organization, const QString &state);
    // A page that posts the manifest to GitHub as soon as it opens (and has a button otherwise).
    static QByteArray formPage(const QJsonObject &manifest, const QUrl &formUrl);

    // The code and state from what GitHub redirected to: a whole URL, "code=...&state=...", or a
    // bare code (then the state is empty).
    struct Redirect {
        QString code;
        QString state;
    };
    static Result<Redirect> parseRedirect(const QString &text);

    // POST <api>/app-manifests/<code>/conversions. The App's webhook secret in the result is the one
    // GitHub signs deliveries with: the one GitHub generated, or, when GitHub returned none,
    // `fallbackSecret`, which is then set on the App (PATCH /app/hook/config, as the new App).
    static Result<App> convert(ApiClient &client, const QString &code, const QByteArray &fallbackSecret);

    // Fills the GitHub answers with the App GitHub created, its webhook secret included, so that
    // values.yaml, agent.yaml and GitHub agree. True when that replaced a different secret the
    // answers held (the wizard and the batch mode say so).
    static bool adopt(ProviderAnswers &answers, const App &app);
};

// Random, single-use states for the manifest flow: one is issued per flow and accepted once.
class ManifestStates {
public:
    QString issue();
    // Empty when the state is good (and now used); otherwise what is wrong with it.
    QString consume(const QString &state);

private:
    QSet<QString> m_open;
    QSet<QString> m_used;
};

} // namespace forgelink

#include "fakeproviderapi.h"
#include "providers/github/githubmanifest.h"
#include "testkeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace forgelink;
using namespace forgelink::test;

class tst_GitHubManifest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void manifestCarriesPipekitsSettings()
    {
        const QJsonObject manifest = GitHubManifest::build(QStringLiteral("pipekit.example.com"), QStringLiteral("Pipekit acme"),
                                                           QStringLiteral("http://127.0.0.1:4242/callback"));
        QCOMPARE(manifest.value(QStringLiteral("name")).toString(), QStringLiteral("Pipekit acme"));
        QCOMPARE(manifest.value(QStringLiteral("url")).toString(), QStringLiteral("https://pipekit.example.com"));
        QCOMPARE(manifest.value(QStringLiteral("hook_attributes")).toObject(),
                 (QJsonObject{ { QStringLiteral("url"), QStringLiteral("https://pipekit.example.com/api/events-handler/v1/events/github") },
                               { QStringLiteral("active"), true } }));
        QCOMPARE(manifest.value(QStringLiteral("redirect_url")).toString(), QStringLiteral("http://127.0.0.1:4242/callback"));
        QCOMPARE(manifest.value(QStringLiteral("callback_urls")).toArray(),
                 (QJsonArray{ "https://pipekit.example.com/accounts/github", "https://pipekit.example.com/api/id/v1/sso/github/callback" }));
        QCOMPARE(manifest.value(QStringLiteral("request_oauth_on_install")).toBool(), true);
        QCOMPARE(manifest.value(QStringLiteral("public")).toBool(true), false);
        QCOMPARE(manifest.value(QStringLiteral("default_permissions")).toObject(),
                 (QJsonObject{ { "administration", "write" }, { "checks", "write" }, { "contents", "write" }, { "deployments", "write" },
                               { "pull_requests", "write" }, { "repository_hooks", "write" }, { "metadata", "read" } }));
        QCOMPARE(manifest.value(QStringLiteral("default_events")).toArray(), (QJsonArray{ "create", "pull_request", "push", "repository" }));
    }

    void formUrls()
    {
        QCOMPARE(GitHubManifest::formUrl(QStringLiteral("https://github.com"), QStringLiteral("acme"), QStringLiteral("s1")).toString(),
                 QStringLiteral("https://github.com/organizations/acme/settings/apps/new?state=s1"));
        QCOMPARE(GitHubManifest::formUrl(QStringLiteral("https://github.com"), QString(), QStringLiteral("s2")).toString(),
                 QStringLiteral("https://github.com/settings/apps/new?state=s2"));
        QCOMPARE(GitHubManifest::formUrl(QStringLiteral("https://ghes.example.com"), QStringLiteral("acme"), QStringLiteral("s3")).toString(),
                 QStringLiteral("https://ghes.example.com/organizations/acme/settings/apps/new?state=s3"));
        const QByteArray page = GitHubManifest::formPage(QJsonObject{ { QStringLiteral("name"), QStringLiteral("a\"<b>") } },
                                                         QUrl(QStringLiteral("https://github.com/settings/apps/new?state=x")));
        QVERIFY(page.contains("action=\"https://github.com/settings/apps/new?state=x\""));
        QVERIFY(page.contains("name=\"manifest\" value=\"{&quot;name&quot;:&quot;a\\&quot;&lt;b&gt;&quot;}\""));
        QVERIFY(page.contains("document.forms[0].submit()"));
    }

    void redirects_data()
    {
        QTest::addColumn<QString>("pasted");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("state");
        QTest::newRow("whole url") << "https://pipekit.example.com/?code=abc123&state=xyz" << "abc123" << "xyz";
        QTest::newRow("query") << "code=abc123&state=xyz" << "abc123" << "xyz";
        QTest::newRow("bare code") << "  abc123 \n" << "abc123" << "";
    }
    void redirects()
    {
        QFETCH(QString, pasted);
        QFETCH(QString, code);
        QFETCH(QString, state);
        const auto redirect = GitHubManifest::parseRedirect(pasted);
        QVERIFY2(redirect, qPrintable(redirect.error()));
        QCOMPARE(redirect->code, code);
        QCOMPARE(redirect->state, state);
        QVERIFY(!GitHubManifest::parseRedirect(QStringLiteral("")));
        QVERIFY(!GitHubManifest::parseRedirect(QStringLiteral("not a code at all!")));
    }

    void stateIsRandomAndSingleUse()
    {
        ManifestStates states;
        const QString state = states.issue();
        QCOMPARE(state.size(), 32);
        QVERIFY(states.issue() != state);
        QCOMPARE(states.consume(QString()), QStringLiteral("GitHub's redirect carries no state; start the flow again from forgelink"));
        QCOMPARE(states.consume(QStringLiteral("forged")), QStringLiteral("the redirect's state does not match the flow forgelink started; start again"));
        QCOMPARE(states.consume(state), QString());
        QCOMPARE(states.consume(state), QStringLiteral("this redirect was used already; start the flow again"));
    }

    void conversion()
    {
        FakeProviderApi github(Provider::GitHub);
        github.manifestPem = TestKeys::rsaPrivateKeyPem();
        QVERIFY(github.start());
        github.manifests.insert(QStringLiteral("goodcode"), QJsonObject{ { QStringLiteral("name"), QStringLiteral("Pipekit acme") } });
        ApiSettings settings;
        settings.baseUrl = github.baseUrl();
        settings.maxAttempts = 1;
        ApiClient client(settings);
        const auto app = GitHubManifest::convert(client, QStringLiteral("goodcode"), "answers-webhook-secret-0123456789");
        QVERIFY2(app, qPrintable(app.error()));
        QCOMPARE(app->id, 424242);
        QCOMPARE(app->clientId, QStringLiteral("Iv23liFromManifest"));
        QCOMPARE(app->pem, TestKeys::rsaPrivateKeyPem());
        // GitHub generated a secret and signs with it: that one wins, nothing is changed on GitHub.
        QCOMPARE(app->webhookSecret, QStringLiteral("manifest-webhook-secret-0123456789"));
        QCOMPARE(github.requestCount(QStringLiteral("/app/hook/config")), 0);
        ProviderAnswers answers{ { QStringLiteral("webhookSecret"), QStringLiteral("answers-webhook-secret-0123456789") } };
        QVERIFY(GitHubManifest::adopt(answers, app.value()));
        QCOMPARE(answers.value(QStringLiteral("webhookSecret")), app->webhookSecret);
        QCOMPARE(answers.value(QStringLiteral("appId")), QStringLiteral("424242"));
        QCOMPARE(answers.value(QStringLiteral("privateKey")).toUtf8(), TestKeys::rsaPrivateKeyPem());
        QVERIFY(!GitHubManifest::adopt(answers, app.value())); // the same secret again: nothing replaced
        const auto again = GitHubManifest::convert(client, QStringLiteral("goodcode"), {});
        QVERIFY(!again);
        QVERIFY2(again.error().contains(QStringLiteral("expired (the flow must finish within an hour) or was used already")), qPrintable(again.error()));
    }

    // GitHub may return no webhook secret; it then signs nothing, so forgelink sets the answers'
    // secret on the new App's webhook, authenticated as that App.
    void conversionWithoutSecretSetsOurs()
    {
        FakeProviderApi github(Provider::GitHub);
        github.manifestPem = TestKeys::rsaPrivateKeyPem();
        github.githubPublicKeyPem = TestKeys::rsaPublicKeyPem();
        github.manifestWebhookSecret.clear();
        QVERIFY(github.start());
        github.manifests.insert(QStringLiteral("code1"), QJsonObject{ { QStringLiteral("name"), QStringLiteral("Pipekit acme") } });
        ApiSettings settings;
        settings.baseUrl = github.baseUrl();
        settings.maxAttempts = 1;
        ApiClient client(settings);
        const auto app = GitHubManifest::convert(client, QStringLiteral("code1"), "answers-webhook-secret-0123456789");
        QVERIFY2(app, qPrintable(app.error()));
        QCOMPARE(app->webhookSecret, QStringLiteral("answers-webhook-secret-0123456789"));
        QCOMPARE(github.githubHookConfig.value(QStringLiteral("secret")).toString(), QStringLiteral("answers-webhook-secret-0123456789"));
    }
};

QTEST_GUILESS_MAIN(tst_GitHubManifest)
#include "tst_githubmanifest.moc"

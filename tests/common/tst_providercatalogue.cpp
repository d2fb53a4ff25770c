#include "providers/providercatalogue.h"

#include <QTest>

using namespace forgelink;

class tst_ProviderCatalogue : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void urlsDeriveFromTheHost()
    {
        const ProviderCatalogue catalogue(QStringLiteral("pipekit.example.com"));
        QCOMPARE(catalogue.homepageUrl().toString(), QStringLiteral("https://pipekit.example.com"));
        QCOMPARE(catalogue.githubCallbackUrls(),
                 (QList<QUrl>{ QUrl(QStringLiteral("https://pipekit.example.com/accounts/github")),
                               QUrl(QStringLiteral("https://pipekit.example.com/api/id/v1/sso/github/callback")) }));
    }

    void webhookUrls_data()
    {
        QTest::addColumn<Provider>("provider");
        QTest::addColumn<QString>("url");
        const QString base = QStringLiteral("https://pipekit.example.com/api/events-handler/v1/events/");
        QTest::newRow("github") << Provider::GitHub << base + QStringLiteral("github");
        QTest::newRow("gitlab") << Provider::GitLab << base + QStringLiteral("gitlab");
        QTest::newRow("bitbucket") << Provider::Bitbucket << base + QStringLiteral("bitbucket");
        QTest::newRow("azure") << Provider::AzureDevOps << base + QStringLiteral("azure-devops");
    }
    void webhookUrls()
    {
        QFETCH(Provider, provider);
        QFETCH(QString, url);
        QCOMPARE(ProviderCatalogue(QStringLiteral("pipekit.example.com")).webhookUrl(provider).toString(), url);
        QCOMPARE(providerFromId(providerId(provider)), provider);
    }

    void requirementsMatchPipekitsGuide()
    {
        QCOMPARE(ProviderCatalogue::githubPermissions(),
                 (QStringList{ "administration", "checks", "contents", "deployments", "pull_requests",
                               "repository_hooks" }));
        QCOMPARE(ProviderCatalogue::githubPermissionLabels().size(), ProviderCatalogue::githubPermissions().size());
        QCOMPARE(ProviderCatalogue::githubEvents(), (QStringList{ "create", "pull_request", "push", "repository" }));
        QCOMPARE(ProviderCatalogue::gitlabScopes(), (QStringList{ "api", "read_user", "read_repository" }));
        QCOMPARE(ProviderCatalogue::bitbucketPermissions(), (QStringList{ "PROJECT_READ", "REPO_ADMIN" }));
        QCOMPARE(ProviderCatalogue::azureDevOpsSubscriptionEvents(),
                 (QStringList{ "git.push", "git.pullrequest.created", "git.pullrequest.updated" }));
        QVERIFY(!providerFromId(QStringLiteral("gitea")).has_value());
    }
};

QTEST_GUILESS_MAIN(tst_ProviderCatalogue)
#include "tst_providercatalogue.moc"

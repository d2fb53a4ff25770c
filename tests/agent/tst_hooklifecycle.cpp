#include "fakeproviderapi.h"
#include "hooks/hooklifecycle.h"
#include "sync/repositorysync.h"
#include "store/store.h"
#include "testdatabases.h"
#include "testkeys.h"
#include "testprovidersettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace forgelink;
using namespace forgelink::test;

// Attach, detach and reconcile against loopback fakes that record every request.
class tst_HookLifecycle : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<FakeProviderApi> m_fake;
    AgentConfig m_config;
    int m_databases = 0;
    const QString m_publicUrl = QStringLiteral("https://pipekit.example.com");

    void setUp(Provider provider, int repos = 5)
    {
        m_fake = std::make_unique<FakeProviderApi>(provider);
        m_fake->githubPublicKeyPem = TestKeys::rsaPublicKeyPem();
        m_fake->addRepos(repos, 2);
        QVERIFY(m_fake->start());
        m_config = AgentConfig();
        m_config.publicUrl = QUrl(m_publicUrl);
        m_config.database = TestDatabases::sqlite(m_dir.filePath(QStringLiteral("hooks%1.db").arg(++m_databases)));
        QFETCH_GLOBAL(QString, backend);
        if (backend == u"postgresql") {
            const Result<DatabaseSettings> fresh = TestDatabases::postgres(QStringLiteral("tst_hooks_%1").arg(m_databases));
            QVERIFY2(fresh, qPrintable(fresh.error()));
            m_config.database = fresh.value();
        }
        m_config.network.retryBaseMs = 10;
        m_config.network.maxAttempts = 2;
        const QByteArray credential = provider == Provider::GitHub ? m_fake->appId.toUtf8() : m_fake->token;
        const QMap<Provider, QByteArray> webhookSecrets{ { Provider::GitHub, "gh-secret" },
                                                         { Provider::GitLab, "gitlab-webhook-secret" },
                                                         { Provider::Bitbucket, "bitbucket-webhook-secret" },
                                                         { Provider::AzureDevOps, "azure-basic-password" } };
        m_config.providers.insert(provider, testProviderSettings(provider, m_fake->baseUrl(), credential, webhookSecrets.value(provider)));
        Result<std::unique_ptr<Store>> store = Store::open(m_config.database, QStringLiteral("hooks-%1").arg(m_databases));
        QVERIFY2(store, qPrintable(store.error()));
        m_store = std::move(store.value());
        if (provider != Provider::GitHub) {
            RepositorySync sync(m_config, *m_store, QStringLiteral("test"));
            const auto outcomes = sync.run(provider, 1000);
            QVERIFY(outcomes && outcomes->first().succeeded);
        }
    }

    QString ourUrl(Provider provider) const
    {
        return m_publicUrl + QStringLiteral("/api/events-handler/v1/events/") + providerId(provider);
    }

    QString path(int index) const
    {
        const FakeProviderApi::Repo &repo = m_fake->repos.at(index);
        return repo.owner + QLatin1Char('/') + repo.name;
    }

    QList<QJsonObject> sentBodies(const QByteArray &method, const QString &pathContains) const
    {
        QList<QJsonObject> bodies;
        for (const FakeProviderApi::Seen &seen : m_fake->requests()) {
            if (seen.method == method && QString::fromUtf8(seen.path).contains(pathContains))
                bodies << QJsonDocument::fromJson(seen.body).object();
        }
        return bodies;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabases::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend == u"postgresql" && !TestDatabases::postgresAvailable())
            QSKIP(qPrintable(TestDatabases::postgresMissing()));
    }

    void cleanup()
    {
        m_store.reset();
        m_fake.reset();
    }

    void gitlabHookIsCreatedOnceWithTheRightSettings()
    {
        setUp(Provider::GitLab);
        // Someone else's hooks fill the first page of the list; they are never touched.
        const QString repoId = m_fake->repos.at(1).id;
        for (int i = 0; i < 120; ++i)
            m_fake->hooks[repoId].append(QJsonObject{ { QStringLiteral("id"), 5000 + i }, { QStringLiteral("url"), QStringLiteral("https://ci.example.com/hook") } });
        HookLifecycle lifecycle(m_config, *m_store, QStringLiteral("test"));
        const Result<QStringList> first = lifecycle.attach(Provider::GitLab, path(1));
        QVERIFY2(first, qPrintable(first.error()));
        QVERIFY2(first->first().contains(QStringLiteral("created webhook")), qPrintable(first->join(u'\n')));
        const QList<QJsonObject> posted = sentBodies("POST", QStringLiteral("/hooks"));
        QCOMPARE(posted.size(), 1);
        QCOMPARE(posted.first(), (QJsonObject{ { QStringLiteral("url"), ourUrl(Provider::GitLab) },
                                               { QStringLiteral("name"), QStringLiteral("Pipekit (forgelink)") },
                                               { QStringLiteral("token"), QStringLiteral("gitlab-webhook-secret") },
                                               { QStringLiteral("push_events"), true },
                                               { QStringLiteral("tag_push_events"), true },
                                               { QStringLiteral("merge_requests_events"), true },
                                               { QStringLiteral("enable_ssl_verification"), true } }));

        // Attaching again finds ours on the second page of the list and creates nothing.
        const Result<QStringList> second = lifecycle.attach(Provider::GitLab, path(1));
        QVERIFY(second);
        QVERIFY2(second->first().contains(QStringLiteral("already attached")), qPrintable(second->join(u'\n')));
        QCOMPARE(sentBodies("POST", QStringLiteral("/hooks")).size(), 1);
        QCOMPARE(m_fake->hooksWithUrl(ourUrl(Provider::GitLab)).size(), 1);
        QCOMPARE(m_store->hooks().list(Provider::GitLab)->size(), 1);

        const Result<QStringList> detached = lifecycle.detach(Provider::GitLab, path(1));
        QVERIFY(detached);
        QVERIFY(detached->first().endsWith(QStringLiteral("removed")));
        QCOMPARE(m_fake->hooksWithUrl(ourUrl(Provider::GitLab)).size(), 0);
        QCOMPARE(m_fake->hooks[repoId].size(), 120); // the others' hooks are all still there
        QCOMPARE(m_store->hooks().list(Provider::GitLab)->size(), 0);
    }

    void detachAfterManualRemovalSaysSo()
    {
        setUp(Provider::GitLab);
        HookLifecycle lifecycle(m_config, *m_store, QStringLiteral("test"));
        QVERIFY(lifecycle.attach(Provider::GitLab, path(0)));
        m_fake->hooks[m_fake->repos.at(0).id].clear(); // removed by hand in GitLab
        const Result<QStringList> detached = lifecycle.detach(Provider::GitLab, path(0));
        QVERIFY2(detached, qPrintable(detached.error()));
        QVERIFY2(detached->first().endsWith(QStringLiteral("was already removed by hand")), qPrintable(detached->first()));
        QCOMPARE(m_store->hooks().list()->size(), 0);
    }

    void reconcileRecreatesReenablesAndFollowsTheSync()
    {
        setUp(Provider::GitLab, 4);
        HookLifecycle lifecycle(m_config, *m_store, QStringLiteral("test"));
        for (int i = 0; i < 3; ++i)
            QVERIFY(lifecycle.attach(Provider::GitLab, path(i)));
        // One disabled by GitLab, one deleted by hand, one repository gone upstream.
        m_fake->hooks[m_fake->repos.at(0).id].first().insert(QStringLiteral("alert_status"), QStringLiteral("disabled"));
        m_fake->hooks[m_fake->repos.at(1).id].clear();
        const QString goneId = m_fake->repos.at(2).id;
        m_fake->repos.removeAt(2);
        RepositorySync sync(m_config, *m_store, QStringLiteral("test"));
        QVERIFY(sync.run(Provider::GitLab, 1000));

        const HookLifecycle::ReconcileReport report = lifecycle.reconcile();
        QCOMPARE(report.failures, 0);
        const QString text = report.lines.join(u'\n');
        QVERIFY2(text.contains(QStringLiteral("re-enabled webhook")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("created webhook")), qPrintable(text));
        QCOMPARE(m_fake->hooks[m_fake->repos.at(0).id].first().value(QStringLiteral("alert_status")).toString(), QStringLiteral("executable"));
        QCOMPARE(m_fake->hooks[m_fake->repos.at(1).id].size(), 1);
        QCOMPARE(m_fake->hooks[goneId].size(), 0);
        QCOMPARE(m_store->hooks().list(Provider::GitLab)->size(), 2);
    }

    // Projects where the token's user is Developer are not cached, so autoAttach and reconcile
    // never try them (GitLab answers 403 there).
    void gitlabDeveloperProjectsAreLeftAlone()
    {
        setUp(Provider::GitLab, 0);
        m_fake->addRepos(4, 1);
        m_fake->repos[1].accessLevel = 30;
        m_fake->repos[3].accessLevel = 30;
        RepositorySync sync(m_config, *m_store, QStringLiteral("test"));
        QVERIFY(sync.run(Provider::GitLab, 1000));
        m_config.autoAttach = true;
        HookLifecycle lifecycle(m_config, *m_store, QStringLiteral("test"));
        const HookLifecycle::ReconcileReport report = lifecycle.reconcile();
        QVERIFY2(report.failures == 0, qPrintable(report.lines.join(u'\n')));
        QCOMPARE(m_store->hooks().list(Provider::GitLab)->size(), 2);
        QCOMPARE(m_fake->statusCount(403), 0);
    }

    // Where GitLab cannot test (and so re-enable) a hook, the disabled one is replaced by a new,
    // enabled one, and the record follows: before GitLab 16.11 the API has no test endpoint; a
    // project without a commit cannot be sent a test push (422 "Ensure the project has at least
    // one commit.").
    void gitlabReplacesADisabledHookItCannotTest_data()
    {
        QTest::addColumn<QVersionNumber>("version");
        QTest::addColumn<bool>("empty");
        QTest::addColumn<int>("refusedTests");
        QTest::newRow("before 16.11") << QVersionNumber(16, 9) << false << 0;
        QTest::newRow("empty project") << QVersionNumber(17, 5) << true << 1;
    }
    void gitlabReplacesADisabledHookItCannotTest()
    {
        QFETCH(QVersionNumber, version);
        QFETCH(bool, empty);
        QFETCH(int, refusedTests);
        setUp(Provider::GitLab, 2);
        m_fake->gitlabVersion = version;
        m_fake->repos[0].empty = empty;
        HookLifecycle lifecycle(m_config, *m_store, QStringLiteral("test"));
        QVERIFY(lifecycle.attach(Provider::GitLab, path(0)));
        const QString repoId = m_fake->repos.at(0).id;
        const int oldId = m_fake->hooks[repoId].first().value(QStringLiteral("id")).toInt();
        m_fake->hooks[repoId].first().insert(QStringLiteral("alert_status"), QStringLiteral("disabled"));
        const HookLifecycle::ReconcileReport report = lifecycle.reconcile();
        QVERIFY2(report.failures == 0, qPrintable(report.lines.join(u'\n')));
        QVERIFY2(report.lines.join(u'\n').contains(QStringLiteral("replaced the disabled webhook %1 with").arg(oldId)),
                 qPrintable(report.lines.join(u'\n')));
        QCOMPARE(m_fake->statusCount(422), refusedTests);
        QCOMPARE(m_fake->hooks[repoId].size(), 1);
        const QJsonObject replacement = m_fake->hooks[repoId].first();
        QVERIFY(replacement.value(QStringLiteral("id")).toInt() != oldId);
        QCOMPARE(replacement.value(QStringLiteral("alert_status")).toString(), QStringLiteral("executable"));
        QCOMPARE(m_store->hooks().list(Provider::GitLab)->first().hookId, QString::number(replacement.value(QStringLiteral("id")).toInt()));
    }

    // From 17.1 hook tests are limited to 5 a minute per project and user, and the 429 names no
    // time: the run does not spin through its retries, it says when to try again.
    void gitlabHookTestRateLimit()
    {
        setUp(Provider::GitLab, 2);
        m_config.network.maxRateLimitWaitMs = 5'000; // shorter than GitLab's minute
        HookLifecycle lifecycle(m_config, *m_store, QStringLiteral("test"));
        QVERIFY(lifecycle.attach(Provider::GitLab, path(0)));
        const QString repoId = m_fake->repos.at(0).id;
        m_fake->hooks[repoId].first().insert(QStringLiteral("alert_status"), QStringLiteral("disabled"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_fake->gitlabHookTests[repoId] = { now, now, now, now, now };
        const HookLifecycle::ReconcileReport limited = lifecycle.reconcile();
        QCOMPARE(limited.failures, 1);
        QVERIFY2(limited.lines.join(u'\n').contains(QStringLiteral("it allows 5 hook tests a minute per project")),
                 qPrintable(limited.lines.join(u'\n')));
        QCOMPARE(m_fake->statusCount(429), 1);
        m_fake->gitlabHookTests.clear(); // a minute later
        QCOMPARE(lifecycle.reconcile().failures, 0);
        QCOMPARE(m_fake->hooks[repoId].first().value(QStringLiteral("alert_status")).toString(), QStringLiteral("executable"));
    }

    void autoAttachFollowsPatterns()
    {
        setUp(Provider::GitLab, 6);
        m_config.autoAttach = true;
        m_config.autoAttachPatterns = { QStringLiteral("team0/*") };
        HookLifecycle lifecycle(m_config, *m_store, QStringLiteral("test"));
        QCOMPARE(lifecycle.reconcile().failures, 0);
        const QList<HookRecord> records = m_store->hooks().list(Provider::GitLab).value();
        QCOMPARE(records.size(), 3); // repo-0, repo-2, repo-4 are in team0
        for (const HookRecord &record : records)
            QVERIFY(record.fullPath.startsWith(QStringLiteral("team0/")));
        QVERIFY(!HookLifecycle::matchesAutoAttach(m_config, QStringLiteral("team1/repo-1")));
    }

    void bitbucketWebhookBody()
    {
        setUp(Provider::Bitbucket);
        HookLifecycle lifecycle(m_config, *m_store, QStringLiteral("test"));
        QVERIFY(lifecycle.attach(Provider::Bitbucket, path(3)));
        QVERIFY(lifecycle.attach(Provider::Bitbucket, path(3)));
        const QList<QJsonObject> posted = sentBodies("POST", QStringLiteral("/webhooks"));
        QCOMPARE(posted.size(), 1);
        QCOMPARE(posted.first(), (QJsonObject{ { QStringLiteral("name"), QStringLiteral("Pipekit (forgelink)") },
                                               { QStringLiteral("url"), ourUrl(Provider::Bitbucket) },
                                               { QStringLiteral("events"), QJsonArray{ "repo:refs_changed", "pr:opened", "pr:from_ref_updated", "pr:merged", "pr:declined" } },
                                               { QStringLiteral("active"), true },
                                               { QStringLiteral("sslVerificationRequired"), true },
                                               { QStringLiteral("configuration"), QJsonObject{ { QStringLiteral("secret"), QStringLiteral("bitbucket-webhook-secret") } } } }));
        QVERIFY(sentBodies("POST", QStringLiteral("/webhooks")).first().value(QStringLiteral("url")).toString().endsWith(QStringLiteral("/bitbucket")));
        // A hook someone deactivated is activated again by reconcile.
        m_fake->hooks[path(3)].first().insert(QStringLiteral("active"), false);
        QCOMPARE(lifecycle.reconcile().failures, 0);
        QCOMPARE(m_fake->hooks[path(3)].first().value(QStringLiteral("active")).toBool(), true);
    }

    void azureCreatesThreeSubscriptions()
    {
        setUp(Provider::AzureDevOps, 3);
        HookLifecycle lifecycle(m_config, *m_store, QStringLiteral("test"));
        const Result<QStringList> attached = lifecycle.attach(Provider::AzureDevOps, path(0));
        QVERIFY2(attached, qPrintable(attached.error()));
        const QList<QJsonObject> posted = sentBodies("POST", QStringLiteral("/_apis/hooks/subscriptions"));
        QCOMPARE(posted.size(), 3);
        QStringList events;
        for (const QJsonObject &body : posted) {
            events << body.value(QStringLiteral("eventType")).toString();
            QCOMPARE(body.value(QStringLiteral("publisherId")).toString(), QStringLiteral("tfs"));
            QCOMPARE(body.value(QStringLiteral("consumerId")).toString(), QStringLiteral("webHooks"));
            QCOMPARE(body.value(QStringLiteral("consumerActionId")).toString(), QStringLiteral("httpRequest"));
            const QJsonObject consumer = body.value(QStringLiteral("consumerInputs")).toObject();
            QCOMPARE(consumer.value(QStringLiteral("url")).toString(), ourUrl(Provider::AzureDevOps));
            QCOMPARE(consumer.value(QStringLiteral("basicAuthUsername")).toString(), QStringLiteral("pipekit"));
            QCOMPARE(consumer.value(QStringLiteral("basicAuthPassword")).toString(), QStringLiteral("azure-basic-password"));
            const QJsonObject publisher = body.value(QStringLiteral("publisherInputs")).toObject();
            QCOMPARE(publisher.value(QStringLiteral("repository")).toString(), m_fake->repos.at(0).id);
            QVERIFY(!publisher.value(QStringLiteral("projectId")).toString().isEmpty());
            if (events.last() == u"git.pullrequest.updated")
                QCOMPARE(publisher.value(QStringLiteral("notificationType")).toString(), QStringLiteral("PushNotification"));
        }
        QCOMPARE(events, (QStringList{ "git.push", "git.pullrequest.created", "git.pullrequest.updated" }));
        QVERIFY(lifecycle.attach(Provider::AzureDevOps, path(0)));
        QCOMPARE(m_fake->subscriptions.size(), 3);

        // disabledBySystem: reconcile puts the subscription back to enabled.
        m_fake->subscriptions[1].insert(QStringLiteral("status"), QStringLiteral("disabledBySystem"));
        QCOMPARE(lifecycle.reconcile().failures, 0);
        QCOMPARE(m_fake->subscriptions[1].value(QStringLiteral("status")).toString(), QStringLiteral("enabled"));
        // onProbation still delivers on its retry schedule: reconcile leaves it as it is.
        m_fake->subscriptions[2].insert(QStringLiteral("status"), QStringLiteral("onProbation"));
        m_fake->clearRequests();
        QCOMPARE(lifecycle.reconcile().failures, 0);
        QCOMPARE(sentBodies("PUT", QStringLiteral("/_apis/hooks/subscriptions/")).size(), 0);
        QCOMPARE(m_fake->subscriptions[2].value(QStringLiteral("status")).toString(), QStringLiteral("onProbation"));

        QVERIFY(lifecycle.detach(Provider::AzureDevOps, path(0)));
        QCOMPARE(m_fake->subscriptions.size(), 0);
    }

    void azurePartialFailureRollsBack()
    {
        setUp(Provider::AzureDevOps, 3);
        HookLifecycle lifecycle(m_config, *m_store, QStringLiteral("test"));
        // Two subscriptions are created, the third is refused: the two go again.
        m_fake->subscriptionPostsBeforeRefusal = 2;
        const Result<QStringList> failed = lifecycle.attach(Provider::AzureDevOps, path(0));
        QVERIFY(!failed);
        QVERIFY2(failed.error().contains(QStringLiteral("the 2 hooks created for")), qPrintable(failed.error()));
        QVERIFY(failed.error().contains(QStringLiteral("Edit subscriptions")));
        QCOMPARE(m_fake->subscriptions.size(), 0); // all or nothing
        QCOMPARE(m_store->hooks().list(Provider::AzureDevOps)->size(), 0);
        QCOMPARE(sentBodies("DELETE", QStringLiteral("/_apis/hooks/subscriptions/")).size(), 2);
    }

    // Azure DevOps Server 2020 speaks REST API 6.0: every call uses the configured version, and a
    // newer one is refused with a message that names the right setting.
    void azureApiVersionIsASetting()
    {
        setUp(Provider::AzureDevOps, 2);
        m_fake->azureApiVersion = QVersionNumber(6, 0);
        {
            HookLifecycle lifecycle(m_config, *m_store, QStringLiteral("test"));
            const Result<QStringList> refused = lifecycle.attach(Provider::AzureDevOps, path(0));
            QVERIFY(!refused);
            QVERIFY2(refused.error().contains(QStringLiteral("set apiVersion to \"6.0\"")), qPrintable(refused.error()));
        }
        m_config.providers[Provider::AzureDevOps].set(QStringLiteral("apiVersion"), QStringLiteral("6.0"));
        m_fake->clearRequests();
        HookLifecycle lifecycle(m_config, *m_store, QStringLiteral("test"));
        QVERIFY(lifecycle.attach(Provider::AzureDevOps, path(0)));
        QCOMPARE(m_fake->subscriptions.size(), 3);
        for (const FakeProviderApi::Seen &seen : m_fake->requests())
            QVERIFY2(seen.query.contains("api-version=6.0"), seen.query.constData());
    }

    void githubChecksTheInstallation()
    {
        setUp(Provider::GitHub);
        m_fake->githubInstalledOn.insert(QStringLiteral("acme/app"));
        HookLifecycle lifecycle(m_config, *m_store, QStringLiteral("test"));
        const Result<QStringList> installed = lifecycle.attach(Provider::GitHub, QStringLiteral("acme/app"));
        QVERIFY2(installed, qPrintable(installed.error()));
        QVERIFY(installed->first().contains(QStringLiteral("the App is installed (installation 99)")));
        const Result<QStringList> missing = lifecycle.attach(Provider::GitHub, QStringLiteral("acme/other"));
        QVERIFY(!missing);
        QVERIFY2(missing.error().contains(QStringLiteral("/apps/pipekit-acme/installations/new")), qPrintable(missing.error()));
    }

    void unknownRepositoryAndMissingPublicUrl()
    {
        setUp(Provider::GitLab);
        HookLifecycle lifecycle(m_config, *m_store, QStringLiteral("test"));
        QCOMPARE(lifecycle.attach(Provider::GitLab, QStringLiteral("nobody/nothing")).error(),
                 QStringLiteral("nobody/nothing is not in the gitlab repository cache; run `forgelink-agent sync --provider gitlab` first"));
        m_config.publicUrl = QUrl();
        HookLifecycle without(m_config, *m_store, QStringLiteral("test"));
        QVERIFY(without.attach(Provider::GitLab, path(0)).error().startsWith(QStringLiteral("publicUrl is not set")));
    }
};

QTEST_GUILESS_MAIN(tst_HookLifecycle)
#include "tst_hooklifecycle.moc"

#include "fakeproviderapi.h"
#include "sync/repositoryeventapplier.h"
#include "sync/repositorysync.h"
#include "store/store.h"
#include "testdatabases.h"
#include "syncscheduler.h"
#include "testkeys.h"
#include "testprovidersettings.h"
#include "testpaths.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace forgelink;
using namespace forgelink::test;

class tst_RepositorySync : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    int m_databases = 0;

    AgentConfig configFor(Provider provider, const FakeProviderApi &fake)
    {
        AgentConfig config;
        config.database.driver = QStringLiteral("QSQLITE");
        config.database.sqlitePath = m_dir.filePath(QStringLiteral("db%1.db").arg(m_databases));
        config.network.retryBaseMs = 20;
        config.network.maxAttempts = 4;
        config.network.timeoutMs = 5000;
        const QByteArray credential = provider == Provider::GitHub ? fake.appId.toUtf8() : fake.token;
        config.providers.insert(provider, testProviderSettings(provider, fake.baseUrl(), credential, "s"));
        return config;
    }

    std::unique_ptr<FakeProviderApi> fake(Provider provider, int repos)
    {
        auto api = std::make_unique<FakeProviderApi>(provider);
        api->githubPublicKeyPem = TestKeys::rsaPublicKeyPem();
        api->addRepos(repos, provider == Provider::AzureDevOps ? 7 : 3, provider == Provider::GitHub ? 2 : 1);
        if (!api->start())
            return nullptr;
        return api;
    }

    RepositorySync::ProviderRun syncOnce(const AgentConfig &config, Provider provider)
    {
        RepositorySync sync(config, *m_store, QStringLiteral("test"));
        Result<QList<RepositorySync::ProviderRun>> outcomes = sync.run(provider, 1000);
        if (!outcomes)
            qWarning("%s", qPrintable(outcomes.error()));
        return outcomes ? outcomes->first() : RepositorySync::ProviderRun{};
    }

    QStringList cachedPaths(Provider provider)
    {
        QStringList paths;
        for (const Repository &repository : m_store->repositories().list(provider).value())
            paths << repository.fullPath;
        return paths;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabases::addBackendRows(); }

    void init()
    {
        ++m_databases;
        QFETCH_GLOBAL(QString, backend);
        DatabaseSettings settings = TestDatabases::sqlite(m_dir.filePath(QStringLiteral("db%1.db").arg(m_databases)));
        if (backend == u"postgresql") {
            if (!TestDatabases::postgresAvailable())
                QSKIP(qPrintable(TestDatabases::postgresMissing()));
            const Result<DatabaseSettings> fresh = TestDatabases::postgres(QStringLiteral("tst_sync_%1").arg(m_databases));
            QVERIFY2(fresh, qPrintable(fresh.error()));
            settings = fresh.value();
        }
        Result<std::unique_ptr<Store>> store = Store::open(settings, QStringLiteral("sync-%1").arg(m_databases));
        QVERIFY2(store, qPrintable(store.error()));
        m_store = std::move(store.value());
    }

    void cleanup() { m_store.reset(); }

    void fullListingAcrossManyPages_data()
    {
        QTest::addColumn<Provider>("provider");
        QTest::addColumn<int>("repos");
        QTest::addColumn<int>("expectedCalls");
        // GitHub: installations, 2 tokens, 3 + 3 pages of 100 (250 repos in each installation).
        QTest::newRow("github") << Provider::GitHub << 500 << 1 + 2 + 6;
        QTest::newRow("gitlab") << Provider::GitLab << 250 << 3;
        QTest::newRow("bitbucket") << Provider::Bitbucket << 2500 << 3;
        QTest::newRow("azure-devops") << Provider::AzureDevOps << 140 << 1 + 7;
    }
    void fullListingAcrossManyPages()
    {
        QFETCH(Provider, provider);
        QFETCH(int, repos);
        QFETCH(int, expectedCalls);
        auto api = fake(provider, repos);
        QVERIFY(api);
        const RepositorySync::ProviderRun outcome = syncOnce(configFor(provider, *api), provider);
        QVERIFY2(outcome.succeeded, qPrintable(outcome.error));
        QCOMPARE(outcome.counts.added, repos);
        QCOMPARE(outcome.apiCalls, expectedCalls);
        const QList<Repository> cached = m_store->repositories().list(provider).value();
        QCOMPARE(cached.size(), repos);
        const FakeProviderApi::Repo &first = api->repos.first();
        const auto stored = std::find_if(cached.begin(), cached.end(), [&](const Repository &r) { return r.id == first.id; });
        QVERIFY(stored != cached.end());
        QCOMPARE(stored->fullPath, first.owner + QLatin1Char('/') + first.name);
        QCOMPARE(stored->name, first.name);
        if (provider != Provider::Bitbucket)
            QCOMPARE(stored->defaultBranch, QStringLiteral("main"));
        QVERIFY(!stored->cloneUrl.isEmpty());
        const QJsonObject json = stored->toJson();
        QCOMPARE(json.keys(), (QStringList{ "archived", "cloneUrl", "defaultBranch", "fullPath", "id", "name", "provider",
                                           "visibility", "webUrl" }));
    }

    void faultsARetryOvercomes_data()
    {
        QTest::addColumn<Provider>("provider");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("headerName");
        QTest::addColumn<QByteArray>("headerValue");
        QTest::newRow("github 502") << Provider::GitHub << "/installation/repositories" << 502 << QByteArray("bad gateway") << QByteArray() << QByteArray();
        QTest::newRow("github secondary 403") << Provider::GitHub << "/installation/repositories" << 403
                                              << QByteArray("{\"message\":\"You have exceeded a secondary rate limit.\"}")
                                              << QByteArray("retry-after") << QByteArray("1");
        QTest::newRow("github primary 403") << Provider::GitHub << "/installation/repositories" << 403
                                            << QByteArray("{\"message\":\"API rate limit exceeded\"}") << QByteArray("x-ratelimit-remaining")
                                            << QByteArray("0");
        QTest::newRow("gitlab 429") << Provider::GitLab << "/projects" << 429 << QByteArray("Retry later") << QByteArray("Retry-After") << QByteArray("1");
        QTest::newRow("bitbucket 503") << Provider::Bitbucket << "/repos" << 503 << QByteArray() << QByteArray() << QByteArray();
        QTest::newRow("azure 429") << Provider::AzureDevOps << "/_apis/git/repositories" << 429 << QByteArray() << QByteArray("Retry-After") << QByteArray("1");
    }
    void faultsARetryOvercomes()
    {
        QFETCH(Provider, provider);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, headerName);
        QFETCH(QByteArray, headerValue);
        auto api = fake(provider, 150);
        FakeProviderApi::Fault fault{ path, status, body, {}, 2 };
        if (!headerName.isEmpty())
            fault.headers.append({ headerName, headerValue });
        if (headerName == "x-ratelimit-remaining")
            fault.headers.append(qMakePair(QByteArray("x-ratelimit-reset"), QByteArray::number(QDateTime::currentSecsSinceEpoch() + 1)));
        api->injectFault(fault);
        const RepositorySync::ProviderRun outcome = syncOnce(configFor(provider, *api), provider);
        QVERIFY2(outcome.succeeded, qPrintable(outcome.error));
        QCOMPARE(outcome.counts.added, 150);
        QCOMPARE(api->statusCount(status), 2);
    }

    void faultsThatPersistChangeNothing_data()
    {
        QTest::addColumn<Provider>("provider");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("reason");
        QTest::newRow("github 502 on page 2") << Provider::GitHub << "/installation/repositories" << 502 << QByteArray("oops")
                                              << "answered 502 oops after 4 attempts";
        QTest::newRow("gitlab malformed page") << Provider::GitLab << "/projects" << 200 << QByteArray("[{\"id\": \"x\"}]")
                                               << "GitLab's page 1 of projects is malformed: projects[0].id: expected a number, got a string";
        QTest::newRow("bitbucket token rejected") << Provider::Bitbucket << "/repos" << 401
                                                  << QByteArray("{\"errors\":[{\"message\":\"Authentication failed\"}]}")
                                                  << "Bitbucket refused to list repositories: 401";
        QTest::newRow("azure not json") << Provider::AzureDevOps << "/_apis/projects" << 200 << QByteArray("<html>")
                                        << "Azure DevOps' page of projects is not JSON";
        QTest::newRow("gitlab rate limit too long") << Provider::GitLab << "/projects" << 429 << QByteArray("Retry later")
                                                    << "rate limit exhausted";
    }
    void faultsThatPersistChangeNothing()
    {
        QFETCH(Provider, provider);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, reason);
        auto api = fake(provider, 120);
        AgentConfig config = configFor(provider, *api);
        QVERIFY(syncOnce(config, provider).succeeded);
        const QStringList before = cachedPaths(provider);
        api->repos.removeFirst(); // a change the failed run must not apply
        api->addRepos(5);
        FakeProviderApi::Fault fault{ path, status, body, {}, 100 };
        if (reason == u"rate limit exhausted")
            fault.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("7200")));
        api->injectFault(fault);
        const RepositorySync::ProviderRun outcome = syncOnce(config, provider);
        QVERIFY(!outcome.succeeded);
        QVERIFY2(outcome.error.contains(reason), qPrintable(outcome.error));
        QCOMPARE(cachedPaths(provider), before);
        const QList<Store::SyncRun> runs = m_store->syncRuns().latest().value();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().outcome, QStringLiteral("failed"));
        QCOMPARE(runs.first().error, outcome.error);
        QVERIFY(runs.first().finishedAt.isValid());
    }

    void secondRunAppliesRenamesRemovalsAndAdditions_data()
    {
        QTest::addColumn<Provider>("provider");
        for (Provider provider : allProviders())
            QTest::newRow(qPrintable(providerId(provider))) << provider;
    }
    void secondRunAppliesRenamesRemovalsAndAdditions()
    {
        QFETCH(Provider, provider);
        auto api = fake(provider, 230);
        const AgentConfig config = configFor(provider, *api);
        QVERIFY(syncOnce(config, provider).succeeded);

        const QString renamedId = api->repos[10].id;
        api->repos[10].name = QStringLiteral("renamed-repo");
        const QString removedId = api->repos[20].id;
        api->repos.removeAt(20);
        api->addRepos(3);

        const RepositorySync::ProviderRun second = syncOnce(config, provider);
        QVERIFY2(second.succeeded, qPrintable(second.error));
        QCOMPARE(second.counts.added, 3);
        QCOMPARE(second.counts.updated, 1);
        QCOMPARE(second.counts.removed, 1);
        QCOMPARE(second.counts.unchanged, 228);
        const QList<Repository> cached = m_store->repositories().list(provider).value();
        QCOMPARE(cached.size(), 232);
        for (const Repository &repository : cached) {
            QVERIFY(repository.id != removedId);
            if (repository.id == renamedId)
                QVERIFY(repository.fullPath.endsWith(QStringLiteral("/renamed-repo"))); // same row, new name
        }

        api->clearRequests();
        const RepositorySync::ProviderRun third = syncOnce(config, provider);
        QVERIFY(third.succeeded);
        QCOMPARE(third.counts.rowsWritten(), 0);
        if (provider == Provider::GitHub) {
            // Nothing changed: every repository page is a 304, taken from the cache unparsed.
            const int pages = api->requestCount(QStringLiteral("/installation/repositories"));
            QCOMPARE(pages, 4); // 232 repositories in two installations: 2 pages each
            QCOMPARE(api->statusCount(304), pages);
            QCOMPARE(third.notModified, pages);
        }
    }

    // RFC 9110 lets a 304 carry only its validators: without Link, the cached page's next link
    // goes on. Before, each installation's listing ended after its first page and the sweep
    // removed the rest.
    void gitHubNotModifiedWithoutLinkKeepsEveryRepository()
    {
        auto api = fake(Provider::GitHub, 900); // two installations of 450: four full pages and one of 50 each
        api->bareNotModified = true;
        const AgentConfig config = configFor(Provider::GitHub, *api);
        QVERIFY(syncOnce(config, Provider::GitHub).succeeded);
        QCOMPARE(m_store->repositories().list(Provider::GitHub).value().size(), 900);

        api->clearRequests();
        const RepositorySync::ProviderRun unchanged = syncOnce(config, Provider::GitHub);
        QVERIFY2(unchanged.succeeded, qPrintable(unchanged.error));
        QCOMPARE(unchanged.counts.removed, 0);
        QCOMPARE(m_store->repositories().list(Provider::GitHub).value().size(), 900);
        QCOMPARE(api->requestCount(QStringLiteral("/installation/repositories")), 10);
        QCOMPARE(unchanged.notModified, 10);

        api->addRepos(3, 3, 2); // elsewhere: the last pages change, the first ones answer 304
        const RepositorySync::ProviderRun added = syncOnce(config, Provider::GitHub);
        QVERIFY2(added.succeeded, qPrintable(added.error));
        QCOMPARE(added.counts.added, 3);
        QCOMPARE(added.counts.removed, 0);
        QCOMPARE(m_store->repositories().list(Provider::GitHub).value().size(), 903);
    }

    // A full last page may gain a next page while its ETag stays (a repository added elsewhere):
    // it is always fetched whole.
    void gitHubFullLastPageIsNeverConditional()
    {
        auto api = fake(Provider::GitHub, 400); // two installations: two full pages each
        const AgentConfig config = configFor(Provider::GitHub, *api);
        QVERIFY(syncOnce(config, Provider::GitHub).succeeded);
        api->clearRequests();
        const RepositorySync::ProviderRun again = syncOnce(config, Provider::GitHub);
        QVERIFY2(again.succeeded, qPrintable(again.error));
        QCOMPARE(api->requestCount(QStringLiteral("/installation/repositories")), 4);
        QCOMPARE(again.notModified, 2); // the first page of each; the full last pages are read again
        QCOMPARE(api->statusCount(304), 2);
    }

    // A listing that ends before GitHub's own count (a lost Link header) fails, and the cache stays.
    void gitHubListingShorterThanItsCountKeepsTheCache()
    {
        auto api = fake(Provider::GitHub, 900);
        const AgentConfig config = configFor(Provider::GitHub, *api);
        QVERIFY(syncOnce(config, Provider::GitHub).succeeded);
        const QStringList before = cachedPaths(Provider::GitHub);
        api->addRepos(1, 3, 2); // every ETag of the last pages changes, so they are read whole
        api->omitLinkOnPage = 2;
        api->repos.removeFirst(); // page 1 changes too
        const RepositorySync::ProviderRun outcome = syncOnce(config, Provider::GitHub);
        QVERIFY(!outcome.succeeded);
        QVERIFY2(outcome.error.contains(QStringLiteral("ended after 200 of the 450 repositories")), qPrintable(outcome.error));
        QCOMPARE(cachedPaths(Provider::GitHub), before);
    }

    // GitLab lists every project the token's user is a member of, Reporter and Developer included;
    // only Maintainers may create the hooks Pipekit needs (doc/api/project_webhooks.md).
    void gitlabCachesOnlyMaintainerProjectsWithTheirDetails()
    {
        auto api = fake(Provider::GitLab, 9);
        api->repos[1].accessLevel = 30; // Developer
        api->repos[2].accessLevel = 20; // Reporter
        api->repos[3].accessLevel = 50; // Owner
        api->repos[4].archived = true;
        const RepositorySync::ProviderRun outcome = syncOnce(configFor(Provider::GitLab, *api), Provider::GitLab);
        QVERIFY2(outcome.succeeded, qPrintable(outcome.error));
        QCOMPARE(outcome.counts.added, 7);
        for (const Repository &repository : m_store->repositories().list(Provider::GitLab).value()) {
            QVERIFY(repository.id != api->repos[1].id && repository.id != api->repos[2].id);
            QVERIFY2(!repository.visibility.isEmpty(), qPrintable(repository.fullPath)); // not the simple listing
            QVERIFY(repository.archived.has_value());
            QCOMPARE(*repository.archived, repository.id == api->repos[4].id);
            QVERIFY(repository.accessLevel.value_or(0) >= 40);
        }
    }

    void gitHubJwtIsChecked()
    {
        auto api = fake(Provider::GitHub, 10);
        AgentConfig config = configFor(Provider::GitHub, *api);
        config.providers[Provider::GitHub].set(QStringLiteral("appId"), QStringLiteral("1")); // the fake expects another App
        const RepositorySync::ProviderRun outcome = syncOnce(config, Provider::GitHub);
        QVERIFY(!outcome.succeeded);
        QVERIFY2(outcome.error.contains(QStringLiteral("401")) && outcome.error.contains(QStringLiteral("App ID")), qPrintable(outcome.error));
    }

    void webhookEventsUpdateTheCache()
    {
        auto delivery = [](const QString &event, const QString &file) {
            Delivery d;
            d.provider = Provider::GitHub;
            d.event = event;
            d.body = TestPaths::readFile(TestPaths::webhookFixturesDir() + QStringLiteral("/github/") + file);
            return d;
        };
        auto apply = [this](const Delivery &d) {
            return RepositoryEventApplier::apply(*m_store, RepositoryEventApplier::changesFor(d)).value();
        };
        QCOMPARE(apply(delivery(QStringLiteral("repository"), QStringLiteral("repository_created.json"))), 1);
        QCOMPARE(cachedPaths(Provider::GitHub), QStringList{ "Octocoders/Hello-World" });
        QCOMPARE(apply(delivery(QStringLiteral("installation_repositories"), QStringLiteral("installation_repositories_added.json"))), 1);
        QCOMPARE(cachedPaths(Provider::GitHub).size(), 2);
        // A repository unknown to the cache (this GHES example's id) removes nothing.
        QCOMPARE(apply(delivery(QStringLiteral("repository"), QStringLiteral("repository_deleted.json"))), 0);
        Delivery deleted = delivery(QStringLiteral("repository"), QStringLiteral("repository_created.json"));
        deleted.body.replace("\"action\": \"created\"", "\"action\": \"deleted\"");
        QVERIFY(deleted.body.contains("\"action\": \"deleted\""));
        QCOMPARE(apply(deleted), 1);
        QCOMPARE(cachedPaths(Provider::GitHub), QStringList{ "Codertocat/Space" });
        QCOMPARE(apply(delivery(QStringLiteral("push"), QStringLiteral("push_branch.json"))), 0);
    }

    void scheduleIsDaily()
    {
        const QDateTime now(QDate(2026, 11, 26), QTime(1, 0));
        QCOMPARE(SyncScheduler::msUntil(QTime(2, 0), now), 3600 * 1000);
        QCOMPARE(SyncScheduler::msUntil(QTime(0, 30), now), qint64(23.5 * 3600 * 1000));
    }
};

QTEST_GUILESS_MAIN(tst_RepositorySync)
#include "tst_repositorysync.moc"

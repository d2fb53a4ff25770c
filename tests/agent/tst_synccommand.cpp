#include "agentprocess.h"
#include "connectproxy.h"
#include "testcertificates.h"
#include "fakeproviderapi.h"
#include "httptestclient.h"
#include "servedprocess.h"
#include "testkeys.h"
#include "testpaths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QEventLoop>
#include <QProcess>
#include <QTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace forgelink;
using namespace forgelink::test;

// `forgelink-agent sync` and `repos` through the real binary, against loopback fakes that this
// process serves while the agent runs.
class tst_SyncCommand : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::map<Provider, std::unique_ptr<FakeProviderApi>> m_fakes;

    QString writeConfig(const QString &name, bool forward = true)
    {
        TestPaths::writeFile(m_dir.filePath(QStringLiteral("app.pem")), TestKeys::rsaPrivateKeyPem());
        const QByteArray config = QStringLiteral(
                "listen: 127.0.0.1:0\n"
                "%8"
                "database: sqlite://%1.db\n"
                "network: {retryBaseMilliseconds: 20, maxAttempts: 3}\n"
                "providers:\n"
                "  github: {apiUrl: %2, appId: %3, privateKey: file:app.pem, webhookSecret: s}\n"
                "  gitlab: {url: %4, token: %5, webhookSecret: s}\n"
                "  bitbucket: {url: %6, token: %5, webhookSecret: s}\n"
                "  azureDevOps: {organizationUrl: %7, token: %5, webhookBasicAuthUser: pipekit, webhookBasicAuthPass: p}\n")
                                          .arg(name, m_fakes[Provider::GitHub]->baseUrl(), m_fakes[Provider::GitHub]->appId,
                                               m_fakes[Provider::GitLab]->baseUrl(),
                                               QString::fromUtf8(m_fakes[Provider::GitLab]->token),
                                               m_fakes[Provider::Bitbucket]->baseUrl(), m_fakes[Provider::AzureDevOps]->baseUrl(),
                                               forward ? QStringLiteral("forward: [{name: pipekit, url: http://127.0.0.1:9}]\n") : QString())
                                          .toUtf8();
        const QString path = m_dir.filePath(name + QStringLiteral(".yaml"));
        TestPaths::writeFile(path, config);
        return path;
    }

    // Runs the agent while this process keeps serving the fakes.
    static ServedProcess::Run agent(const QStringList &arguments) { return ServedProcess::run(TestPaths::agentBinary(), arguments); }

private Q_SLOTS:
    void initTestCase()
    {
        for (Provider provider : allProviders()) {
            auto fake = std::make_unique<FakeProviderApi>(provider);
            fake->githubPublicKeyPem = TestKeys::rsaPublicKeyPem();
            fake->addRepos(120, 3);
            QVERIFY(fake->start());
            m_fakes[provider] = std::move(fake);
        }
    }

    // An on-prem GitLab behind a private CA, reached through a CONNECT proxy: network.caBundle and
    // network.proxy in agent.yaml.
    void syncThroughPrivateCaAndProxy()
    {
        const TestCertificates certificates;
        QVERIFY(certificates.writeTo(m_dir.path()));
        FakeProviderApi gitlab(Provider::GitLab);
        gitlab.addRepos(30);
        QVERIFY(gitlab.start(m_dir.filePath(QStringLiteral("server.pem")), m_dir.filePath(QStringLiteral("server.key"))));
        ConnectProxy proxy;
        QVERIFY(proxy.start());
        auto write = [&](const QString &name, const QString &network) {
            const QString path = m_dir.filePath(name + QStringLiteral(".yaml"));
            TestPaths::writeFile(path, QStringLiteral("database: sqlite://%1.db\nnetwork: {%2}\n"
                                                      "providers:\n  gitlab: {url: %3, token: %4, webhookSecret: s}\n")
                                               .arg(name, network, gitlab.baseUrl(), QString::fromUtf8(gitlab.token))
                                               .toUtf8());
            return path;
        };
        const ServedProcess::Run untrusted = agent({ QStringLiteral("sync"), QStringLiteral("--config"),
                                                     write(QStringLiteral("untrusted"), QStringLiteral("maxAttempts: 3")) });
        QCOMPARE(untrusted.exitCode, 1);
        QVERIFY2(untrusted.err.contains(QStringLiteral("TLS certificate is not trusted")), qPrintable(untrusted.err));
        QCOMPARE(gitlab.requestCount(), 0);

        const ServedProcess::Run trusted = agent({ QStringLiteral("sync"), QStringLiteral("--config"),
                                                   write(QStringLiteral("trusted"), QStringLiteral("caBundle: ca.pem, proxy: %1").arg(proxy.url())) });
        QVERIFY2(trusted.exitCode == 0, qPrintable(trusted.err));
        QVERIFY2(trusted.out.contains(QStringLiteral("gitlab: 30 added")), qPrintable(trusted.out));
        QVERIFY(!proxy.tunnels().isEmpty());
        QCOMPARE(proxy.tunnels().first(), QStringLiteral("127.0.0.1:%1").arg(QUrl(gitlab.baseUrl()).port()));
    }

    void syncThenList()
    {
        const QString config = writeConfig(QStringLiteral("list"));
        const ServedProcess::Run sync = agent({ QStringLiteral("sync"), QStringLiteral("--config"), config });
        QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
        for (const QString &provider : { QStringLiteral("github: 120 added"), QStringLiteral("gitlab: 120 added"),
                                         QStringLiteral("bitbucket: 120 added"), QStringLiteral("azure-devops: 120 added") })
            QVERIFY2(sync.out.contains(provider), qPrintable(sync.out));

        const ServedProcess::Run repos = agent({ QStringLiteral("repos"), QStringLiteral("--provider"), QStringLiteral("bitbucket"),
                                  QStringLiteral("--json"), QStringLiteral("--config"), config });
        QCOMPARE(repos.exitCode, 0);
        const QStringList lines = repos.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 120);
        const QJsonObject first = QJsonDocument::fromJson(lines.first().toUtf8()).object();
        QCOMPARE(first.keys(), (QStringList{ "archived", "cloneUrl", "defaultBranch", "fullPath", "id", "name", "provider",
                                            "visibility", "webUrl" }));
        QCOMPARE(first.value(QStringLiteral("provider")).toString(), QStringLiteral("bitbucket"));
        QVERIFY(first.value(QStringLiteral("id")).isString());
        QVERIFY(first.value(QStringLiteral("defaultBranch")).isNull()); // Bitbucket's listing does not give it
    }

    void aFailingProviderExitsOneWithTheReason()
    {
        const QString config = writeConfig(QStringLiteral("failing"));
        m_fakes[Provider::GitLab]->injectFault({ QStringLiteral("/projects"), 401, "{\"message\":\"401 Unauthorized\"}", {}, 100 });
        const ServedProcess::Run sync = agent({ QStringLiteral("sync"), QStringLiteral("--config"), config });
        m_fakes[Provider::GitLab]->clearFaults();
        QCOMPARE(sync.exitCode, 1);
        QVERIFY2(sync.err.contains(QStringLiteral("gitlab sync failed, cache unchanged: GitLab refused to list projects: 401")),
                 qPrintable(sync.err));
        QVERIFY(sync.out.contains(QStringLiteral("github: 120 added"))); // the others still ran
    }

    // `status` names what needs attention and exits 1 then: a provider never synced, a failed
    // last sync; after good syncs it exits 0 and its JSON has each provider's figures.
    void statusNamesWhatNeedsAttention()
    {
        const QString config = writeConfig(QStringLiteral("status"));
        const QStringList status{ QStringLiteral("status"), QStringLiteral("--config"), config };
        const ServedProcess::Run fresh = agent(status);
        QCOMPARE(fresh.exitCode, 1);
        QVERIFY2(fresh.out.contains(QStringLiteral("gitlab: no sync has succeeded yet")), qPrintable(fresh.out));

        QCOMPARE(agent({ QStringLiteral("sync"), QStringLiteral("--config"), config }).exitCode, 0);
        const ServedProcess::Run synced = agent(status);
        QVERIFY2(synced.exitCode == 0, qPrintable(synced.out + synced.err));
        QVERIFY2(synced.out.contains(QStringLiteral("nothing needs attention")), qPrintable(synced.out));
        const ServedProcess::Run json = agent(status + QStringList{ QStringLiteral("--json") });
        QCOMPARE(json.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
        const QJsonArray providers = report.value(QStringLiteral("providers")).toArray();
        QCOMPARE(providers.size(), 4);
        for (const QJsonValue &provider : providers) {
            QCOMPARE(provider[QStringLiteral("repositories")].toInt(), 120);
            QCOMPARE(provider[QStringLiteral("lastSync")][QStringLiteral("outcome")].toString(), QStringLiteral("succeeded"));
        }
        QVERIFY(report.value(QStringLiteral("attention")).toArray().isEmpty());

        m_fakes[Provider::GitLab]->injectFault({ QStringLiteral("/projects"), 401, "{\"message\":\"401 Unauthorized\"}", {}, 100 });
        QCOMPARE(agent({ QStringLiteral("sync"), QStringLiteral("--provider"), QStringLiteral("gitlab"), QStringLiteral("--config"), config }).exitCode, 1);
        m_fakes[Provider::GitLab]->clearFaults();
        const ServedProcess::Run failed = agent(status);
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(failed.out.contains(QStringLiteral("gitlab: the last sync failed: GitLab refused to list projects: 401")), qPrintable(failed.out));
        QVERIFY2(!failed.out.contains(QStringLiteral("github: the last sync failed")), qPrintable(failed.out));

        // An agent that forwards to nobody cuts Pipekit off from its webhooks: check and status say so.
        const QString alone = writeConfig(QStringLiteral("status"), false);
        const ServedProcess::Run unforwarded = agent(status);
        QCOMPARE(unforwarded.exitCode, 1);
        QVERIFY2(unforwarded.out.contains(QStringLiteral("no forward target: the deliveries this agent takes")), qPrintable(unforwarded.out));
        const ServedProcess::Run check = agent({ QStringLiteral("check"), QStringLiteral("--config"), alone });
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.err.contains(QStringLiteral("no forward target")), qPrintable(check.err));
        QCOMPARE(agent({ QStringLiteral("check"), QStringLiteral("--config"), writeConfig(QStringLiteral("status")) }).exitCode, 0);
    }

    // Usage errors exit 2 with a message that names the problem; help answers for every command.
    void usageErrorsExitTwo()
    {
        const QString config = m_dir.filePath(QStringLiteral("gitlab-only.yaml"));
        TestPaths::writeFile(config, QStringLiteral("database: sqlite://%1\nproviders:\n  gitlab: {url: %2, token: t, webhookSecret: s}\n")
                                             .arg(m_dir.filePath(QStringLiteral("gitlab-only.db")), m_fakes[Provider::GitLab]->baseUrl())
                                             .toUtf8());
        for (const QString &command : { QStringLiteral("sync"), QStringLiteral("repos"), QStringLiteral("events"), QStringLiteral("hooks"),
                                        QStringLiteral("reconcile") }) {
            const ServedProcess::Run run = agent({ command, QStringLiteral("--provider"), QStringLiteral("github"), QStringLiteral("--config"), config });
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(QStringLiteral("github is not enabled in ") + config), qPrintable(command + QStringLiteral(": ") + run.err));
        }
        const ServedProcess::Run unknown = agent({ QStringLiteral("frobnicate") });
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(QStringLiteral("unknown command \"frobnicate\"")), qPrintable(unknown.err));
        QVERIFY(unknown.err.contains(QStringLiteral("status [--json] --config F")));
        const ServedProcess::Run badLevel = agent({ QStringLiteral("repos"), QStringLiteral("--log-level"), QStringLiteral("loud"), QStringLiteral("--config"), config });
        QCOMPARE(badLevel.exitCode, 2);
        QVERIFY2(badLevel.err.contains(QStringLiteral("loud")), qPrintable(badLevel.err));

        const ServedProcess::Run serveHelp = agent({ QStringLiteral("serve"), QStringLiteral("--help") });
        QCOMPARE(serveHelp.exitCode, 0);
        QVERIFY2(serveHelp.out.contains(QStringLiteral("Usage: forgelink-agent serve --config F")), qPrintable(serveHelp.out));
        QVERIFY(serveHelp.out.contains(QStringLiteral("--log-format")));
        const ServedProcess::Run help = agent({ QStringLiteral("help"), QStringLiteral("outbox") });
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(QStringLiteral("--state")), qPrintable(help.out));

        // The header names the columns; an empty list says so on stderr instead.
        const ServedProcess::Run events = agent({ QStringLiteral("events"), QStringLiteral("--config"), config });
        QCOMPARE(events.exitCode, 0);
        QCOMPARE(events.out, QString());
        QVERIFY2(events.err.contains(QStringLiteral("no delivery is recorded")), qPrintable(events.err));
        // On an empty cache, repos, hooks and reconcile say that no sync has run and how to run one.
        for (const QString &command : { QStringLiteral("repos"), QStringLiteral("hooks"), QStringLiteral("reconcile") }) {
            const ServedProcess::Run run = agent({ command, QStringLiteral("--config"), config });
            QCOMPARE(run.exitCode, 0);
            QVERIFY2(run.err.contains(QStringLiteral("no sync has run yet")) && run.err.contains(QStringLiteral("forgelink-agent sync --config")),
                     qPrintable(command + QStringLiteral(": ") + run.err));
        }
    }

    void twoSyncsAtOnceRunOneAfterTheOther()
    {
        const QString config = writeConfig(QStringLiteral("concurrent"));
        for (auto &[provider, fake] : m_fakes)
            fake->pageDelayMs = 40;
        QProcess first;
        QProcess second;
        first.start(TestPaths::agentBinary(), { QStringLiteral("sync"), QStringLiteral("--config"), config });
        second.start(TestPaths::agentBinary(), { QStringLiteral("sync"), QStringLiteral("--config"), config });
        QTRY_VERIFY_WITH_TIMEOUT(first.state() == QProcess::NotRunning && second.state() == QProcess::NotRunning, 60'000);
        for (auto &[provider, fake] : m_fakes)
            fake->pageDelayMs = 0;
        const QByteArray errors = first.readAllStandardError() + second.readAllStandardError();
        QVERIFY2(first.exitCode() == 0 && second.exitCode() == 0, errors.constData());
        QVERIFY(errors.contains("another sync is running"));

        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(m_dir.filePath(QStringLiteral("concurrent.db")));
        QVERIFY(db.open());
        {
            QSqlQuery runs(db);
            QVERIFY(runs.exec(QStringLiteral("SELECT provider, started_at, finished_at FROM sync_runs ORDER BY id")));
            QList<QPair<QString, QString>> spans;
            while (runs.next())
                spans.append({ runs.value(1).toString(), runs.value(2).toString() });
            QCOMPARE(spans.size(), 8);
            // The second agent's runs all start after the first agent's runs have all finished.
            QVERIFY2(spans.at(4).first >= spans.at(3).second, qPrintable(spans.at(4).first + QLatin1Char(' ') + spans.at(3).second));
            QSqlQuery count(db);
            QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM repositories")) && count.next());
            QCOMPARE(count.value(0).toInt(), 480);
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }

    void agentsOpeningANewDatabaseTogetherAllSucceed()
    {
        // Several agents (a Deployment's replicas) creating the same SQLite file at once.
        for (int round = 0; round < 5; ++round) {
            const QString config = m_dir.filePath(QStringLiteral("fresh%1.yaml").arg(round));
            TestPaths::writeFile(config, QStringLiteral("database: sqlite://fresh%1.db\nproviders: {gitlab: {webhookSecret: s}}\n").arg(round).toUtf8());
            std::vector<std::unique_ptr<QProcess>> agents;
            for (int i = 0; i < 6; ++i) {
                agents.push_back(std::make_unique<QProcess>());
                agents.back()->start(TestPaths::agentBinary(), { QStringLiteral("events"), QStringLiteral("--config"), config });
            }
            for (auto &process : agents) {
                QVERIFY(process->waitForFinished(30'000));
                QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
            }
        }
    }

    // A first start syncs what was never synced (repos has something on day one); a start with a
    // fresh cache does not.
    void serveSyncsAnEmptyCacheAtStart()
    {
        const QString config = writeConfig(QStringLiteral("served"));
        for (int round = 0; round < 2; ++round) {
            for (const auto &[provider, fake] : m_fakes)
                fake->clearRequests();
            QProcess serve;
            serve.setProcessChannelMode(QProcess::MergedChannels);
            serve.start(TestPaths::agentBinary(), { QStringLiteral("serve"), QStringLiteral("--config"), config });
            QVERIFY(serve.waitForStarted());
            QByteArray log;
            QTRY_VERIFY_WITH_TIMEOUT((log += serve.readAll()).contains("listening on"), 10'000);
            if (round == 0) {
                QTRY_VERIFY_WITH_TIMEOUT((log += serve.readAll()).contains("azure-devops synced"), 30'000);
                QVERIFY(m_fakes[Provider::GitLab]->requestCount() > 0);
            } else {
                QTRY_VERIFY_WITH_TIMEOUT((log += serve.readAll()).contains("no sync at start"), 10'000);
                QVERIFY2(!log.contains("sync started"), log.constData());
                // (GitHub's delivery recovery looks at the App's deliveries at every start.)
                for (const auto &[provider, fake] : m_fakes)
                    QCOMPARE(fake->requestCount() - fake->requestCount(QStringLiteral("/app/hook/deliveries")), 0);
            }
            serve.terminate();
            QTRY_VERIFY_WITH_TIMEOUT(serve.state() == QProcess::NotRunning, 30'000);
            QCOMPARE(serve.exitCode(), 0);
        }
        const ServedProcess::Run repos = agent({ QStringLiteral("repos"), QStringLiteral("--provider"), QStringLiteral("gitlab"),
                                                 QStringLiteral("--config"), config });
        QCOMPARE(repos.exitCode, 0);
        QCOMPARE(repos.out.count(QLatin1Char('\n')), 120 + 1); // a header line and the repositories
    }

    // The cache is fresh (the test before): only SIGHUP syncs.
    void hangupSyncsARunningAgent()
    {
        const QString config = writeConfig(QStringLiteral("served"));
        QProcess serve;
        serve.setProcessChannelMode(QProcess::MergedChannels);
        serve.start(TestPaths::agentBinary(), { QStringLiteral("serve"), QStringLiteral("--config"), config });
        QVERIFY(serve.waitForStarted());
        QByteArray log;
        QTRY_VERIFY_WITH_TIMEOUT((log += serve.readAll()).contains("listening on"), 10'000);
        const quint16 port = quint16(QString::fromUtf8(log).section(QStringLiteral("listening on 127.0.0.1:"), 1).section(u' ', 0, 0).toUInt());
        QVERIFY(port > 0);
        ::kill(pid_t(serve.processId()), SIGHUP);
        QTRY_VERIFY_WITH_TIMEOUT((log += serve.readAll()).contains("azure-devops synced"), 30'000);
        std::optional<HttpTestClient::Response> metrics;
        QTRY_VERIFY_WITH_TIMEOUT((metrics = HttpTestClient::exchange(port, "GET", "/metrics"))
                                         && metrics->body.contains("forgelink_sync_runs_total{provider=\"gitlab\",outcome=\"succeeded\"} 1"),
                                 10'000);
        QVERIFY(metrics->body.contains("forgelink_sync_repositories{provider=\"github\"} 120"));
        QVERIFY(metrics->body.contains("forgelink_api_rate_limit_remaining{provider=\"github\"}"));
        serve.terminate();
        QTRY_VERIFY_WITH_TIMEOUT(serve.state() == QProcess::NotRunning, 30'000);
        QCOMPARE(serve.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_SyncCommand)
#include "tst_synccommand.moc"

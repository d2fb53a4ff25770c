#include "agentprocess.h"
#include "fakeproviderapi.h"
#include "httptestclient.h"
#include "providers/providercatalogue.h"
#include "testdatabases.h"
#include "testpaths.h"
#include "webhookfixtures.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace forgelink;
using namespace forgelink::test;

namespace {

// Clients that post GitLab pushes with fresh delivery ids until told to stop, remembering which
// ones were acknowledged with a 2xx and how many got 503.
class Load {
public:
    Load(quint16 port, int clients, const QByteArray &prefix) : m_port(port)
    {
        for (int i = 0; i < clients; ++i)
            m_threads.emplace_back([this, i, prefix] { run(prefix + QByteArray::number(i) + '-'); });
    }
    ~Load() { stop(); }

    void stop()
    {
        m_stop = true;
        for (std::thread &thread : m_threads) {
            if (thread.joinable())
                thread.join();
        }
    }
    void setPort(quint16 port) { m_port = port; }
    int acknowledged() const
    {
        std::lock_guard lock(m_mutex);
        return int(m_acked.size());
    }
    QSet<QByteArray> acknowledgedIds() const
    {
        std::lock_guard lock(m_mutex);
        return m_acked;
    }
    int unavailable() const { return m_unavailable; }
    int others() const { return m_others; }

private:
    void run(const QByteArray &prefix)
    {
        const QByteArray body = WebhookFixtures::all().at(12).body();
        const QByteArray path = ProviderCatalogue::webhookPath(Provider::GitLab).toLatin1();
        int sequence = 0;
        while (!m_stop) {
            HttpTestClient client;
            if (!client.connectTo(m_port, 1000)) {
                ::usleep(50'000);
                continue;
            }
            while (!m_stop) {
                const QByteArray id = prefix + QByteArray::number(++sequence);
                client.send(HttpTestClient::request("POST", path, WebhookFixtures::headers(Provider::GitLab, "Push Hook", body, "gitlab-secret-value", id), body));
                const auto response = client.readResponse(5000);
                if (!response)
                    break; // the agent went away: connect again
                if (response->status == 202 || response->status == 200) {
                    std::lock_guard lock(m_mutex);
                    m_acked.insert(id);
                } else if (response->status == 503) {
                    ++m_unavailable;
                    ::usleep(20'000);
                } else {
                    ++m_others;
                }
            }
        }
    }

    std::atomic<quint16> m_port;
    std::atomic<bool> m_stop{ false };
    std::atomic<int> m_unavailable{ 0 };
    std::atomic<int> m_others{ 0 };
    mutable std::mutex m_mutex;
    QSet<QByteArray> m_acked;
    std::vector<std::thread> m_threads;
};

QSet<QByteArray> storedIds(const AgentProcess &agent)
{
    QSet<QByteArray> ids;
    for (const QJsonObject &event :
         agent.command({ QStringLiteral("events"), QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("10000000") }).jsonLines())
        ids.insert(event.value(QStringLiteral("deliveryId")).toString().toUtf8());
    return ids;
}

int pgCtl(const QStringList &arguments)
{
    QStringList command = QStringList{ qEnvironmentVariable("FORGELINK_TEST_POSTGRES_BIN") + QStringLiteral("/pg_ctl"), QStringLiteral("-D"),
                                       qEnvironmentVariable("FORGELINK_TEST_POSTGRES_DATA") } + arguments;
    if (::geteuid() == 0)
        command = QStringList{ QStringLiteral("runuser"), QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--") } + command;
    QProcess process;
    process.start(command.takeFirst(), command);
    process.waitForFinished(60'000);
    return process.exitCode();
}

} // namespace

// Faults an operator meets: a killed agent, a restarting database, replicas behind a load
// balancer, a sync cut off half way. Bounded in time; loopback only.
class tst_Faults : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void killNineLosesNoAcknowledgedDelivery()
    {
        AgentProcess agent("providers:\n  gitlab: {webhookSecret: gitlab-secret-value}\n");
        QVERIFY2(agent.start(), agent.log().constData());
        Load load(agent.port(), 6, "kill-");
        QTRY_VERIFY_WITH_TIMEOUT(load.acknowledged() >= 500, 30'000);
        agent.kill(); // SIGKILL, mid-load
        load.stop();
        const QSet<QByteArray> acknowledged = load.acknowledgedIds();
        QVERIFY2(agent.start(), agent.log().constData());
        const QSet<QByteArray> stored = storedIds(agent);
        QVERIFY2(stored.contains(acknowledged), qPrintable(QStringLiteral("%1 acknowledged deliveries missing").arg((acknowledged - stored).size())));
        QCOMPARE(load.others(), 0);
        QCOMPARE(agent.terminate(), 0);
    }

    void postgresRestartUnderLoad()
    {
        if (!TestDatabases::postgresAvailable())
            QSKIP(qPrintable(TestDatabases::postgresMissing()));
        const Result<DatabaseSettings> database = TestDatabases::postgres(QStringLiteral("tst_faults_restart"));
        QVERIFY2(database, qPrintable(database.error()));
        AgentProcess agent(QStringLiteral("database: postgresql://forgelink@%1:%2/%3\nproviders:\n  gitlab: {webhookSecret: gitlab-secret-value}\n")
                                   .arg(database->host)
                                   .arg(database->port)
                                   .arg(database->name)
                                   .toUtf8());
        QVERIFY2(agent.start(), agent.log().constData());
        Load load(agent.port(), 4, "pg-");
        QTRY_VERIFY_WITH_TIMEOUT(load.acknowledged() >= 200, 30'000);

        QCOMPARE(pgCtl({ QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("stop") }), 0);
        QTRY_VERIFY2_WITH_TIMEOUT(load.unavailable() > 0, agent.log().right(3000).constData(), 20'000); // 503 while it is down
        QTRY_COMPARE_WITH_TIMEOUT(HttpTestClient::exchange(agent.port(), "GET", "/readyz")->status, 503, 20'000);
        const int before = load.acknowledged();

        const QString port = qEnvironmentVariable("FORGELINK_TEST_POSTGRES").section(QLatin1Char(':'), 1);
        QCOMPARE(pgCtl({ QStringLiteral("-w"), QStringLiteral("-o"), QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2 -c max_connections=200")
                                                                       .arg(port, QFileInfo(qEnvironmentVariable("FORGELINK_TEST_POSTGRES_DATA")).absolutePath()),
                         QStringLiteral("-l"), qEnvironmentVariable("FORGELINK_TEST_POSTGRES_DATA") + QStringLiteral("/../restart.log"),
                         QStringLiteral("start") }),
                 0);
        // The same agent recovers: ready again, and acknowledging again.
        QTRY_COMPARE_WITH_TIMEOUT(HttpTestClient::exchange(agent.port(), "GET", "/readyz")->status, 200, 30'000);
        QTRY_VERIFY_WITH_TIMEOUT(load.acknowledged() > before + 100, 30'000);
        load.stop();
        const QSet<QByteArray> acknowledged = load.acknowledgedIds();
        const QSet<QByteArray> stored = storedIds(agent);
        QVERIFY2(stored.contains(acknowledged), qPrintable(QStringLiteral("%1 acknowledged deliveries missing").arg((acknowledged - stored).size())));
        QCOMPARE(agent.terminate(), 0);
    }

    void twoAgentsBehindNginxRecordEachDeliveryOnce()
    {
        if (!TestDatabases::postgresAvailable())
            QSKIP(qPrintable(TestDatabases::postgresMissing()));
        const Result<DatabaseSettings> database = TestDatabases::postgres(QStringLiteral("tst_faults_replicas"));
        QVERIFY2(database, qPrintable(database.error()));
        const QByteArray config = QStringLiteral("database: postgresql://forgelink@%1:%2/%3\nproviders:\n  gitlab: {webhookSecret: gitlab-secret-value}\n")
                                          .arg(database->host)
                                          .arg(database->port)
                                          .arg(database->name)
                                          .toUtf8();
        AgentProcess first(config);
        AgentProcess second(config);
        QVERIFY2(first.start() && second.start(), first.log().constData());

        QTemporaryDir nginxDir;
        const quint16 nginxPort = quint16(20000 + (::getpid() % 20000));
        TestPaths::writeFile(nginxDir.filePath(QStringLiteral("nginx.conf")),
                             QStringLiteral("worker_processes 1;\npid %1/nginx.pid;\nerror_log %1/error.log;\n"
                                            "events { worker_connections 256; }\n"
                                            "http { access_log off; client_body_temp_path %1; proxy_temp_path %1;\n"
                                            "  upstream agents { server 127.0.0.1:%2; server 127.0.0.1:%3; }\n"
                                            "  server { listen 127.0.0.1:%4; location / { proxy_pass http://agents; "
                                            "proxy_http_version 1.1; proxy_set_header Connection \"\"; } } }\n")
                                     .arg(nginxDir.path())
                                     .arg(first.port())
                                     .arg(second.port())
                                     .arg(nginxPort)
                                     .toUtf8());
        QProcess nginx;
        nginx.start(QStringLiteral("nginx"), { QStringLiteral("-c"), nginxDir.filePath(QStringLiteral("nginx.conf")), QStringLiteral("-p"),
                                               nginxDir.path(), QStringLiteral("-g"), QStringLiteral("daemon off;") });
        QVERIFY2(nginx.waitForStarted(), "nginx is missing: scripts/install-deps.sh installs it (Debian: nginx-light)");
        QTRY_VERIFY_WITH_TIMEOUT(HttpTestClient::exchange(nginxPort, "GET", "/healthz").has_value(), 10'000);

        // Every delivery is sent twice through the balancer, so the two agents each see some of
        // them; each is stored once all the same.
        const QByteArray body = WebhookFixtures::all().at(12).body();
        const QByteArray path = ProviderCatalogue::webhookPath(Provider::GitLab).toLatin1();
        int accepted = 0;
        for (int i = 0; i < 100; ++i) {
            for (int copy = 0; copy < 2; ++copy) {
                const auto response = HttpTestClient::exchange(nginxPort, "POST", path,
                                                               WebhookFixtures::headers(Provider::GitLab, "Push Hook", body, "gitlab-secret-value",
                                                                                        "replica-" + QByteArray::number(i)),
                                                               body);
                QVERIFY(response);
                QVERIFY2(response->status == 202 || response->status == 200, qPrintable(QString::number(response->status)));
                accepted += response->status == 202;
            }
        }
        QCOMPARE(accepted, 100);
        QCOMPARE(storedIds(first).size(), 100);
        nginx.terminate();
        nginx.waitForFinished(10'000);
        QCOMPARE(first.terminate(), 0);
        QCOMPARE(second.terminate(), 0);
    }

    void syncKilledHalfWayLeavesTheCacheAsItWas()
    {
        FakeProviderApi gitlab(Provider::GitLab);
        gitlab.addRepos(2000, 4);
        QVERIFY(gitlab.start());
        AgentProcess agent(QStringLiteral("providers:\n  gitlab: {url: %1, token: %2, webhookSecret: s}\n")
                                   .arg(gitlab.baseUrl(), QString::fromUtf8(gitlab.token))
                                   .toUtf8());
        auto sync = [&](bool killHalfWay) -> int {
            QProcess process;
            process.start(TestPaths::agentBinary(), { QStringLiteral("sync"), QStringLiteral("--config"), agent.configPath() });
            if (killHalfWay) {
                // Serve the fake until the listing is under way, then kill it.
                QElapsedTimer waited;
                waited.start();
                while (gitlab.requestCount(QStringLiteral("/projects")) < 8 && waited.elapsed() < 30'000) {
                    QEventLoop serve;
                    QTimer::singleShot(20, &serve, &QEventLoop::quit);
                    serve.exec();
                }
                process.kill();
            }
            QEventLoop loop;
            connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
            if (process.state() != QProcess::NotRunning)
                loop.exec();
            return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -9;
        };
        auto cached = [&] { return agent.command({ QStringLiteral("repos"), QStringLiteral("--json") }).out; };
        QCOMPARE(sync(false), 0);
        const QByteArray before = cached();
        QCOMPARE(before.count('\n'), 2000);

        gitlab.repos.removeFirst();
        gitlab.repos[5].name = QStringLiteral("renamed");
        gitlab.addRepos(10);
        gitlab.clearRequests();
        gitlab.pageDelayMs = 100; // twenty pages take two seconds: plenty of time to be killed
        QCOMPARE(sync(true), -9);
        gitlab.pageDelayMs = 0;
        QCOMPARE(cached(), before); // nothing of the half listing was applied

        QCOMPARE(sync(false), 0); // the dead run's lock does not block the next one
        const QByteArray after = cached();
        QCOMPARE(after.count('\n'), 2009);
        QVERIFY(after.contains("/renamed\""));
    }
};

QTEST_GUILESS_MAIN(tst_Faults)
#include "tst_faults.moc"

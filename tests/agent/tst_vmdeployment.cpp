#include "agentprocess.h"
#include "httptestclient.h"
#include "providers/providercatalogue.h"
#include "testpaths.h"
#include "webhookfixtures.h"
#include "webhooksink.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace forgelink;
using namespace forgelink::test;


// deploy.target vm, as an administrator would run it: the wizard's vm/agent.yaml (loopback) under
// the agent, and its nginx snippet in a real nginx beside a stand-in for Pipekit: a signed
// delivery through nginx is recorded and forwarded, and every other path still reaches Pipekit.
class tst_VmDeployment : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nginxSendsWebhooksToTheAgentAndTheRestToPipekit()
    {
        WebhookSink pipekitEvents;
        QVERIFY(pipekitEvents.start());
        QTemporaryDir dir;
        QVERIFY(TestPaths::writeFile(dir.filePath(QStringLiteral("answers.yaml")),
                                     "domain: pipekit.acme.test\n"
                                     "eventsHandler: " + pipekitEvents.url().toUtf8() + "\n"
                                     "gitlab: {url: https://gitlab.acme.test, token: glpat-token-0123456789, webhookSecret: gitlab-secret-value}\n"
                                     "deploy: {target: vm}\n"));
        QProcess wizard;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DISPLAY"));
        wizard.setProcessEnvironment(environment);
        wizard.start(TestPaths::wizardBinary(), { QStringLiteral("--batch"), dir.filePath(QStringLiteral("answers.yaml")), QStringLiteral("--out"),
                                                  dir.filePath(QStringLiteral("out")) });
        QVERIFY(wizard.waitForFinished(30'000));
        QVERIFY2(wizard.exitCode() == 0, wizard.readAllStandardError().constData());
        QByteArray config = TestPaths::readFile(dir.filePath(QStringLiteral("out/vm/agent.yaml")));
        QByteArray snippet = TestPaths::readFile(dir.filePath(QStringLiteral("out/vm/nginx-forgelink.conf")));
        QVERIFY2(config.contains("listen: \"127.0.0.1:8080\""), config.constData()); // loopback: nginx fronts it
        QVERIFY2(snippet.contains("proxy_pass http://127.0.0.1:8080;"), snippet.constData());
        // This machine's 8080 may be taken: the agent and the snippet move to a free port together.
        const QByteArray agentAddress = "127.0.0.1:" + QByteArray::number(HttpTestClient::freePort());
        config.replace("127.0.0.1:8080", agentAddress);
        snippet.replace("127.0.0.1:8080", agentAddress);
        AgentProcess agent(config);
        QVERIFY2(agent.start(), agent.log().constData());

        QTemporaryDir nginxDir;
        QVERIFY(TestPaths::writeFile(nginxDir.filePath(QStringLiteral("forgelink.conf")), snippet));
        const quint16 nginxPort = HttpTestClient::freePort();
        QVERIFY(TestPaths::writeFile(nginxDir.filePath(QStringLiteral("nginx.conf")),
                                     QStringLiteral("worker_processes 1;\npid %1/nginx.pid;\nerror_log %1/error.log;\n"
                                                    "events { worker_connections 64; }\n"
                                                    "http { access_log off; client_body_temp_path %1; proxy_temp_path %1;\n"
                                                    "  server { listen 127.0.0.1:%2; server_name pipekit.acme.test;\n"
                                                    "    location / { return 200 \"pipekit\\n\"; }\n"
                                                    "    include %1/forgelink.conf;\n"
                                                    "  } }\n")
                                             .arg(nginxDir.path())
                                             .arg(nginxPort)
                                             .toUtf8()));
        QProcess nginx;
        nginx.setProcessChannelMode(QProcess::MergedChannels);
        nginx.start(QStringLiteral("nginx"), { QStringLiteral("-c"), nginxDir.filePath(QStringLiteral("nginx.conf")), QStringLiteral("-p"),
                                               nginxDir.path(), QStringLiteral("-g"), QStringLiteral("daemon off;") });
        QVERIFY2(nginx.waitForStarted(), "nginx is missing: scripts/install-deps.sh installs it (Debian: nginx-light)");
        QTRY_VERIFY2_WITH_TIMEOUT(HttpTestClient::exchange(nginxPort, "GET", "/").has_value(), nginx.readAll().constData(), 10'000);

        const QByteArray body = WebhookFixtures::all().at(12).body();
        const auto delivered = HttpTestClient::exchange(nginxPort, "POST", ProviderCatalogue::webhookPath(Provider::GitLab).toLatin1(),
                                                        WebhookFixtures::headers(Provider::GitLab, "Push Hook", body, "gitlab-secret-value", "via-nginx-1"),
                                                        body);
        QVERIFY(delivered);
        QCOMPARE(delivered->status, 202);
        const auto other = HttpTestClient::exchange(nginxPort, "GET", "/api/projects");
        QVERIFY(other);
        QCOMPARE(other->body, QByteArray("pipekit\n"));
        // Recorded, and forwarded to Pipekit's events handler as GitLab sent it.
        QTRY_COMPARE_WITH_TIMEOUT(pipekitEvents.accepted().size(), 1, 15'000);
        const WebhookSink::Received forwarded = pipekitEvents.accepted().first();
        QCOMPARE(forwarded.path, ProviderCatalogue::webhookPath(Provider::GitLab).toLatin1());
        QCOMPARE(forwarded.header("X-Forgelink-Delivery"), QByteArray("gitlab:via-nginx-1"));
        QCOMPARE(forwarded.body, body);
        nginx.terminate();
        nginx.waitForFinished(10'000);
        QCOMPARE(agent.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_VmDeployment)
#include "tst_vmdeployment.moc"

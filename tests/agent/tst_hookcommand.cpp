#include "agentprocess.h"
#include "fakeproviderapi.h"
#include "httptestclient.h"
#include "providers/providercatalogue.h"
#include "servedprocess.h"
#include "testpaths.h"
#include "webhookfixtures.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QTimer>

using namespace forgelink;
using namespace forgelink::test;

// attach, detach, hooks and rotate-secret through the real binary, against a GitLab fake served
// by this process while the agent runs.
class tst_HookCommand : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<FakeProviderApi> m_gitlab;
    std::unique_ptr<AgentProcess> m_agent;

    ServedProcess::Run agent(const QStringList &arguments)
    {
        return ServedProcess::run(TestPaths::agentBinary(), arguments + QStringList{ QStringLiteral("--config"), m_agent->configPath() });
    }

    QString repoId() const { return m_gitlab->repos.first().id; }

private Q_SLOTS:
    void init()
    {
        m_gitlab = std::make_unique<FakeProviderApi>(Provider::GitLab);
        m_gitlab->addRepos(4, 2);
        QVERIFY(m_gitlab->start());
        m_agent = std::make_unique<AgentProcess>(QStringLiteral("publicUrl: https://pipekit.example.com\n"
                                                                "secretRefreshSeconds: 1\n"
                                                                "providers:\n"
                                                                "  gitlab: {url: %1, token: %2, webhookSecret: old-gitlab-secret-0123}\n")
                                                         .arg(m_gitlab->baseUrl(), QString::fromUtf8(m_gitlab->token))
                                                         .toUtf8());
        const ServedProcess::Run sync = agent({ QStringLiteral("sync") });
        QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
    }

    void cleanup()
    {
        m_agent.reset();
        m_gitlab.reset();
    }

    void attachListDetach()
    {
        const ServedProcess::Run attached = agent({ QStringLiteral("attach"), QStringLiteral("gitlab"), QStringLiteral("team0/repo-0") });
        QVERIFY2(attached.exitCode == 0, qPrintable(attached.err));
        QVERIFY(attached.out.contains(QStringLiteral("gitlab team0/repo-0: created webhook")));
        const ServedProcess::Run listed = agent({ QStringLiteral("hooks"), QStringLiteral("--json") });
        QCOMPARE(listed.exitCode, 0);
        const QJsonObject hook = QJsonDocument::fromJson(listed.out.trimmed().toUtf8()).object();
        QCOMPARE(hook.value(QStringLiteral("provider")).toString(), QStringLiteral("gitlab"));
        QCOMPARE(hook.value(QStringLiteral("fullPath")).toString(), QStringLiteral("team0/repo-0"));
        QCOMPARE(hook.value(QStringLiteral("kind")).toString(), QStringLiteral("webhook"));
        QVERIFY(!hook.value(QStringLiteral("hookId")).toString().isEmpty());

        const ServedProcess::Run unknown = agent({ QStringLiteral("attach"), QStringLiteral("gitlab"), QStringLiteral("nobody/none") });
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains(QStringLiteral("is not in the gitlab repository cache")));
        QCOMPARE(agent({ QStringLiteral("attach"), QStringLiteral("gitea"), QStringLiteral("x") }).exitCode, 2);

        const ServedProcess::Run detached = agent({ QStringLiteral("detach"), QStringLiteral("gitlab"), QStringLiteral("team0/repo-0") });
        QCOMPARE(detached.exitCode, 0);
        QVERIFY(detached.out.contains(QStringLiteral("removed")));
        QCOMPARE(m_gitlab->hooks[repoId()].size(), 0);
    }

    void twoAgentsAttachingAtOnceCreateOneHook()
    {
        m_gitlab->pageDelayMs = 150; // slow enough that both are in flight together
        QProcess first;
        QProcess second;
        const QStringList arguments{ QStringLiteral("attach"), QStringLiteral("gitlab"), QStringLiteral("team0/repo-0"),
                                     QStringLiteral("--config"), m_agent->configPath() };
        first.start(TestPaths::agentBinary(), arguments);
        second.start(TestPaths::agentBinary(), arguments);
        QTRY_VERIFY_WITH_TIMEOUT(first.state() == QProcess::NotRunning && second.state() == QProcess::NotRunning, 60'000);
        m_gitlab->pageDelayMs = 0;
        QCOMPARE(first.exitCode(), 0);
        QCOMPARE(second.exitCode(), 0);
        const QString out = QString::fromUtf8(first.readAllStandardOutput() + second.readAllStandardOutput());
        QCOMPARE(out.count(QStringLiteral("created webhook")), 1);
        QCOMPARE(out.count(QStringLiteral("already attached")), 1);
        QCOMPARE(m_gitlab->hooks[repoId()].size(), 1);
    }

    void rotationKeepsDeliveriesVerified()
    {
        QVERIFY(agent({ QStringLiteral("attach"), QStringLiteral("gitlab"), QStringLiteral("team0/repo-0") }).exitCode == 0);
        QVERIFY2(m_agent->start(), m_agent->log().constData());
        const QByteArray path = ProviderCatalogue::webhookPath(Provider::GitLab).toLatin1();
        const QByteArray body = WebhookFixtures::all().at(12).body(); // a GitLab push
        int sent = 0;
        // GitLab sends whatever token the hook has at that moment.
        auto deliver = [&](const QByteArray &token) {
            return HttpTestClient::exchange(m_agent->port(), "POST", path,
                                            WebhookFixtures::headers(Provider::GitLab, "Push Hook", body, token,
                                                                     "rotation-" + QByteArray::number(++sent)),
                                            body);
        };
        QCOMPARE(deliver("old-gitlab-secret-0123")->status, 202);

        const QString secretFile = m_agent->directory() + QStringLiteral("/gitlab-secret");
        QProcess rotate;
        rotate.start(TestPaths::agentBinary(), { QStringLiteral("rotate-secret"), QStringLiteral("gitlab"), QStringLiteral("--out"),
                                                 secretFile, QStringLiteral("--grace"), QStringLiteral("2"), QStringLiteral("--config"),
                                                 m_agent->configPath() });
        QList<int> statuses;
        while (rotate.state() != QProcess::NotRunning) {
            const QByteArray token = m_gitlab->hooks[repoId()].first().value(QStringLiteral("token")).toString().toUtf8();
            const auto response = deliver(token);
            statuses << (response ? response->status : 0);
            QTest::qWait(50); // keep the fake answering the rotation's requests between deliveries
        }
        QVERIFY2(rotate.exitCode() == 0, rotate.readAllStandardError().constData());
        const QByteArray output = rotate.readAllStandardOutput();
        QVERIFY(output.contains("The old secret is retired."));
        QVERIFY(statuses.size() > 10);
        QVERIFY2(!statuses.contains(401) && !statuses.contains(0), qPrintable(QString::number(statuses.count(401))));

        const QByteArray fresh = TestPaths::readFile(secretFile).trimmed();
        QCOMPARE(fresh.size(), 48);
        QVERIFY(!output.contains(fresh)); // the secret is written to the file, never printed
        QCOMPARE(m_gitlab->hooks[repoId()].first().value(QStringLiteral("token")).toString().toUtf8(), fresh);
        QTRY_VERIFY_WITH_TIMEOUT(deliver("old-gitlab-secret-0123")->status == 401, 5'000);
        QCOMPARE(deliver(fresh)->status, 202);
        QVERIFY(!m_agent->log().contains(fresh));
        QCOMPARE(m_agent->terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_HookCommand)
#include "tst_hookcommand.moc"

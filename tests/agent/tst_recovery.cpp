#include "providers/github/githubrecovery.h"
#include "agentprocess.h"
#include "fakeproviderapi.h"
#include "httptestclient.h"
#include "servedprocess.h"
#include "testkeys.h"
#include "testpaths.h"
#include "webhookfixtures.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTcpServer>
#include <QTest>

using namespace forgelink;
using namespace forgelink::test;

namespace {

const QByteArray kSecret = "github-secret-value-0123456789";

// A GitHub push from the shared fixtures, made distinct by `serial`.
QByteArray push(int serial)
{
    for (const WebhookFixture &fixture : WebhookFixtures::all()) {
        if (fixture.provider == Provider::GitHub && fixture.event == "push") {
            QJsonObject body = QJsonDocument::fromJson(fixture.body()).object();
            body.insert(QStringLiteral("after"), QStringLiteral("%1").arg(serial, 40, 10, QLatin1Char('0')));
            return QJsonDocument(body).toJson(QJsonDocument::Compact);
        }
    }
    return {};
}

// A loopback port nothing listens on: where GitHub's deliveries go while the agent is down.
QString deadUrl()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return QStringLiteral("http://127.0.0.1:%1/api/events-handler/v1/events/github").arg(port);
}

} // namespace

// GitHub's gap recovery through the real agent and a fake of GitHub's deliveries API whose
// redeliveries really reach the agent: failed deliveries end up recorded exactly once.
class tst_Recovery : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<FakeProviderApi> m_github;

    QByteArray config(const QByteArray &extra = {}) const
    {
        return "providers:\n"
               "  github: {apiUrl: " + m_github->baseUrl().toUtf8() + ", appId: " + m_github->appId.toUtf8()
                + ", privateKey: file:app.pem, webhookSecret: " + kSecret + extra + "}\n"
                  "network: {maxAttempts: 2, retryBaseMilliseconds: 50, maxRateLimitWaitSeconds: 5}\n";
    }

    static bool prepare(AgentProcess &agent)
    {
        return TestPaths::writeFile(QDir(agent.directory()).filePath(QStringLiteral("app.pem")), TestKeys::rsaPrivateKeyPem());
    }

    static QString agentUrl(const AgentProcess &agent)
    {
        return QStringLiteral("http://127.0.0.1:%1/api/events-handler/v1/events/github").arg(agent.port());
    }

    // The recorded delivery ids, with how often each is there.
    static QHash<QString, int> recorded(AgentProcess &agent)
    {
        QHash<QString, int> ids;
        for (const QJsonObject &event :
             agent.command({ QStringLiteral("events"), QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("1000") }).jsonLines())
            ++ids[event.value(QStringLiteral("deliveryId")).toString()];
        return ids;
    }

    static ServedProcess::Run recover(AgentProcess &agent, const QStringList &options = {})
    {
        return ServedProcess::run(TestPaths::agentBinary(), QStringList{ QStringLiteral("recover"), QStringLiteral("github") } + options
                                                                    + QStringList{ QStringLiteral("--config"), agent.configPath() });
    }

    static QHash<QString, QString> verdicts(const ServedProcess::Run &run)
    {
        QHash<QString, QString> byGuid;
        for (const QString &line : run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject finding = QJsonDocument::fromJson(line.toUtf8()).object();
            byGuid.insert(finding.value(QStringLiteral("guid")).toString(), finding.value(QStringLiteral("verdict")).toString());
        }
        return byGuid;
    }

    int redeliveryRequests() const { return m_github->requestCount(QStringLiteral("/attempts")); }
    // Each check of the agent starts with the first page of the App's deliveries.
    int deliveryListings() const
    {
        const QList<FakeProviderApi::Seen> seen = m_github->requests();
        return int(std::count_if(seen.begin(), seen.end(), [](const FakeProviderApi::Seen &request) {
            return request.method == "GET" && request.path.endsWith("/app/hook/deliveries") && !request.query.contains("cursor=");
        }));
    }

private Q_SLOTS:
    void init()
    {
        m_github = std::make_unique<FakeProviderApi>(Provider::GitHub);
        m_github->githubPublicKeyPem = TestKeys::rsaPublicKeyPem();
        m_github->githubWebhookSecret = kSecret;
        QVERIFY(m_github->start());
    }

    // By hand: failed deliveries in the window are asked for and recorded once; one the agent
    // already holds, one older than the window, and a second check ask for nothing.
    void failedDeliveriesAreRecordedOnce()
    {
        // While the agent is down, GitHub's attempts fail.
        m_github->githubWebhookUrl = deadUrl();
        QStringList failed;
        for (int i = 0; i < 3; ++i) {
            const FakeProviderApi::GitHubDelivery attempt = m_github->sendGitHubDelivery(QStringLiteral("push"), push(i));
            QCOMPARE(attempt.status, QStringLiteral("failed to connect to host"));
            failed << attempt.guid;
        }
        const QString tooOld = m_github->addFailedGitHubDelivery(QStringLiteral("push"), push(10), QDateTime::currentDateTimeUtc().addSecs(-80 * 3600)).guid;

        AgentProcess agent(config(", recoverFailedDeliveries: false"));
        QVERIFY(prepare(agent));
        QVERIFY2(agent.start(), agent.log().constData());
        m_github->githubWebhookUrl = agentUrl(agent);
        // The agent recorded this one, but GitHub saw no answer in time.
        FakeProviderApi::GitHubDelivery slow = m_github->sendGitHubDelivery(QStringLiteral("push"), push(20));
        QCOMPARE(slow.status, QStringLiteral("OK"));
        m_github->githubDeliveries.last().status = QStringLiteral("timed out");
        m_github->githubDeliveries.last().statusCode = 0;
        // One delivered at once: nothing to say about it.
        const QString fine = m_github->sendGitHubDelivery(QStringLiteral("push"), push(21)).guid;

        const ServedProcess::Run first = recover(agent, { QStringLiteral("--json") });
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QHash<QString, QString> found = verdicts(first);
        for (const QString &guid : failed)
            QCOMPARE(found.value(guid), QStringLiteral("requested"));
        QCOMPARE(found.value(slow.guid), QStringLiteral("recorded"));
        QCOMPARE(found.value(tooOld), QStringLiteral("out-of-reach"));
        QVERIFY(!found.contains(fine));
        QCOMPARE(redeliveryRequests(), 3);

        // GitHub sends them again; the agent records each once.
        QTRY_COMPARE_WITH_TIMEOUT(m_github->githubRedeliveriesSent(), 3, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(recorded(agent).size() == 5, 10'000);
        const QHash<QString, int> ids = recorded(agent);
        for (const QString &guid : failed)
            QCOMPARE(ids.value(guid), 1);
        QVERIFY(!ids.contains(tooOld));

        // The next check finds every failed delivery delivered since: it asks for nothing.
        const ServedProcess::Run second = recover(agent);
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QVERIFY2(second.out.contains(QStringLiteral(" 0 redelivery requests")), qPrintable(second.out));
        QVERIFY2(second.out.contains(QStringLiteral("delivered by a later attempt")), qPrintable(second.out));
        QCOMPARE(redeliveryRequests(), 3);
        // A window given by hand that leaves the old failure out.
        const ServedProcess::Run recent = recover(agent, { QStringLiteral("--since"), QStringLiteral("2h"), QStringLiteral("--json") });
        QVERIFY(!verdicts(recent).contains(tooOld));
        QCOMPARE(recover(agent, { QStringLiteral("--since"), QStringLiteral("yesterday") }).exitCode, 2);
    }

    // GitHub refuses a redelivery request now and then (400; 422 when "the endpoint has been
    // spammed"): that delivery is asked for again at the next check, even when its failure is
    // older than the usual window, and the others go on. Requests come a second apart, and an
    // entry GitHub lists without a guid is skipped, not a failed check.
    void refusedRequestsAreAskedAgainAndPaced()
    {
        m_github->githubWebhookUrl = deadUrl();
        const QString old = m_github->addFailedGitHubDelivery(QStringLiteral("push"), push(30), QDateTime::currentDateTimeUtc().addSecs(-2 * 3600)).guid;
        QStringList failed{ old };
        for (int i = 0; i < 2; ++i)
            failed << m_github->sendGitHubDelivery(QStringLiteral("push"), push(31 + i)).guid;
        FakeProviderApi::GitHubDelivery broken = m_github->githubDeliveries.last();
        broken.id = 987654;
        broken.guid.clear();
        m_github->githubDeliveries << broken;
        m_github->githubRedeliveryRefusals = { 422, 400 };

        AgentProcess agent(config(", recoverFailedDeliveries: false"));
        QVERIFY(prepare(agent));
        QVERIFY2(agent.start(), agent.log().constData());
        m_github->githubWebhookUrl = agentUrl(agent);

        const ServedProcess::Run first = recover(agent, { QStringLiteral("--json") });
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QHash<QString, QString> found = verdicts(first);
        QCOMPARE(found.value(failed.at(0)), QStringLiteral("deferred")); // oldest first: 422
        // The other two failed in the same second (GitHub's times have seconds): either is asked first.
        const QStringList others{ found.value(failed.at(1)), found.value(failed.at(2)) };
        QVERIFY2(others.contains(QStringLiteral("deferred")) && others.contains(QStringLiteral("requested")), qPrintable(others.join(u',')));
        QCOMPARE(redeliveryRequests(), 3);
        for (qsizetype i = 1; i < m_github->githubRedeliveryRequestTimes.size(); ++i) {
            const qint64 gap = m_github->githubRedeliveryRequestTimes.at(i) - m_github->githubRedeliveryRequestTimes.at(i - 1);
            QVERIFY2(gap >= 950, qPrintable(QString::number(gap)));
        }

        // The next check's window still reaches the two-hour-old one.
        const ServedProcess::Run second = recover(agent, { QStringLiteral("--json") });
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QCOMPARE(verdicts(second).value(failed.at(0)), QStringLiteral("requested"));
        const QString deferred = found.value(failed.at(1)) == u"deferred" ? failed.at(1) : failed.at(2);
        QCOMPARE(verdicts(second).value(deferred), QStringLiteral("requested"));
        QTRY_VERIFY_WITH_TIMEOUT(recorded(agent).size() == 3, 10'000);
        const QHash<QString, int> ids = recorded(agent);
        for (const QString &guid : failed)
            QCOMPARE(ids.value(guid), 1);
        const ServedProcess::Run summary = recover(agent);
        QVERIFY2(summary.out.contains(QStringLiteral("1 malformed entries skipped")), qPrintable(summary.out));
    }

    // GitHub keeps deliveries 3 days on github.com and on GHE.com (data residency), 7 on GHES.
    void retentionByHost()
    {
        QCOMPARE(GitHubRecovery::retentionMs(QStringLiteral("https://api.github.com")), qint64(3) * 24 * 3600 * 1000);
        QCOMPARE(GitHubRecovery::retentionMs(QStringLiteral("https://api.acme.ghe.com")), qint64(3) * 24 * 3600 * 1000);
        QCOMPARE(GitHubRecovery::retentionMs(QStringLiteral("https://github.acme.example/api/v3")), qint64(7) * 24 * 3600 * 1000);
    }

    // In serve: a check at start and every recoverEveryMinutes; errors from GitHub's API (5xx, a
    // rate limit) delay the recovery and never stop the agent; a redelivery still in flight is
    // not asked for twice.
    void serveRecoversDespiteApiErrors()
    {
        m_github->githubWebhookUrl = deadUrl();
        QStringList failed;
        for (int i = 0; i < 2; ++i)
            failed << m_github->sendGitHubDelivery(QStringLiteral("push"), push(100 + i)).guid;
        // The first check meets 502s beyond the client's attempts, the second a rate limit that
        // resets later than the client waits.
        m_github->injectFault({ QStringLiteral("/app/hook/deliveries"), 502, "{\"message\":\"Server Error\"}", {}, 2 });
        m_github->injectFault({ QStringLiteral("/app/hook/deliveries"), 403, "{\"message\":\"API rate limit exceeded\"}",
                                { { "x-ratelimit-remaining", "0" },
                                  { "x-ratelimit-reset", QByteArray::number(QDateTime::currentSecsSinceEpoch() + 3600) } },
                                1 });
        // Redeliveries take longer than the interval between checks.
        m_github->githubRedeliveryDelayMs = 4000;

        AgentProcess agent(config(", recoverEveryMinutes: 0.05"));
        QVERIFY(prepare(agent));
        QVERIFY2(agent.start(), agent.log().constData());
        m_github->githubWebhookUrl = agentUrl(agent);

        QTRY_VERIFY_WITH_TIMEOUT(agent.log().contains("GitHub delivery recovery failed"), 10'000);
        // `status` names a failed check until one succeeds.
        QTRY_VERIFY_WITH_TIMEOUT(agent.command({ QStringLiteral("status") }).out.contains("github: delivery recovery failed at "), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(agent.log().contains("rate limit"), 10'000);
        const auto health = HttpTestClient::exchange(agent.port(), "GET", "/healthz", {}, {});
        QVERIFY(health && health->status == 200);
        QTRY_COMPARE_WITH_TIMEOUT(redeliveryRequests(), 2, 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(!agent.command({ QStringLiteral("status") }).out.contains("delivery recovery failed"), 10'000);
        // Checks go on every 3 s while the redeliveries are on their way: none asks again.
        QTRY_COMPARE_WITH_TIMEOUT(m_github->githubRedeliveriesSent(), 2, 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(recorded(agent).size() == 2, 10'000);
        // A whole check after they arrived (the one after it has begun): none asked again.
        const int listed = deliveryListings();
        QTRY_VERIFY_WITH_TIMEOUT(deliveryListings() >= listed + 2, 15'000);
        QCOMPARE(redeliveryRequests(), 2);
        for (const QString &guid : failed)
            QCOMPARE(recorded(agent).value(guid), 1);
        const auto metrics = HttpTestClient::exchange(agent.port(), "GET", "/metrics", {}, {});
        QVERIFY(metrics);
        QVERIFY2(metrics->body.contains("forgelink_github_redeliveries_requested_total 2"), metrics->body.constData());
        QVERIFY2(metrics->body.contains("forgelink_github_recovery_failures_total 2"), metrics->body.constData());
        QCOMPARE(agent.terminate(), 0);
    }

    // A redelivery the agent itself refuses (here: GitHub signs with another secret) is asked for
    // three times, then given up with a warning, not every few minutes forever.
    void refusedRedeliveriesAreGivenUp()
    {
        m_github->githubWebhookUrl = deadUrl();
        const QString guid = m_github->sendGitHubDelivery(QStringLiteral("push"), push(200)).guid;
        AgentProcess agent(config(", recoverFailedDeliveries: false"));
        QVERIFY(prepare(agent));
        QVERIFY2(agent.start(), agent.log().constData());
        m_github->githubWebhookUrl = agentUrl(agent);
        m_github->githubWebhookSecret = "another-secret-entirely-0123456789";
        for (int round = 1; round <= 3; ++round) {
            const ServedProcess::Run run = recover(agent, { QStringLiteral("--json") });
            QCOMPARE(verdicts(run).value(guid), QStringLiteral("requested"));
            QTRY_COMPARE_WITH_TIMEOUT(m_github->githubRedeliveriesSent(), round, 10'000);
            // GitHub records the refused attempt.
            QTRY_COMPARE_WITH_TIMEOUT(m_github->githubDeliveries.size(), qsizetype(round + 1), 10'000);
            QCOMPARE(m_github->githubDeliveries.last().status, QStringLiteral("Invalid HTTP Response: 401"));
        }
        const ServedProcess::Run last = recover(agent, { QStringLiteral("--json") });
        QCOMPARE(verdicts(last).value(guid), QStringLiteral("gave-up"));
        QCOMPARE(redeliveryRequests(), 3);
        QVERIFY(last.err.contains(QStringLiteral("not asking again")));
    }
};

QTEST_GUILESS_MAIN(tst_Recovery)
#include "tst_recovery.moc"

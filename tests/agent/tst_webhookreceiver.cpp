#include "agentprocess.h"
#include "httptestclient.h"
#include "providers/providercatalogue.h"
#include "webhookfixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>

using namespace forgelink;
using namespace forgelink::test;

namespace {

const QByteArray kConfig = "providers:\n"
                           "  github: {appId: 1, webhookSecret: [github-current-secret, github-previous-secret]}\n"
                           "  gitlab: {webhookSecret: gitlab-secret-value}\n"
                           "  bitbucket: {url: https://bitbucket.example.com, webhookSecret: bitbucket-secret-value}\n"
                           "  azureDevOps: {organizationUrl: https://dev.azure.com/acme, webhookBasicAuthUser: pipekit,\n"
                           "                webhookBasicAuthPass: azure-password-value}\n";

QByteArray secretFor(Provider provider)
{
    switch (provider) {
    case Provider::GitHub: return "github-current-secret";
    case Provider::GitLab: return "gitlab-secret-value";
    case Provider::Bitbucket: return "bitbucket-secret-value";
    case Provider::AzureDevOps: return "azure-password-value";
    }
    return {};
}

QByteArray pathFor(Provider provider)
{
    return ProviderCatalogue::webhookPath(provider).toLatin1();
}

} // namespace

class tst_WebhookReceiver : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<AgentProcess> m_agent;

    std::optional<HttpTestClient::Response> post(Provider provider, const QByteArray &event, const QByteArray &body,
                                                 const QByteArray &secret, const QByteArray &deliveryId)
    {
        return HttpTestClient::exchange(m_agent->port(), "POST", pathFor(provider),
                                        WebhookFixtures::headers(provider, event, body, secret, deliveryId), body);
    }

    QList<QJsonObject> storedEvents(const QString &provider = {})
    {
        QStringList arguments{ QStringLiteral("events"), QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("1000") };
        if (!provider.isEmpty())
            arguments << QStringLiteral("--provider") << provider;
        const AgentProcess::Run run = m_agent->command(arguments);
        if (run.exitCode != 0)
            qWarning("events failed: %s", run.err.constData());
        return run.jsonLines();
    }

private Q_SLOTS:
    void init()
    {
        m_agent = std::make_unique<AgentProcess>(kConfig);
        QVERIFY2(m_agent->start(), m_agent->log().constData());
    }

    void cleanup()
    {
        const QByteArray log = m_agent->log();
        // Secrets never reach a log line.
        for (const QByteArray secret : { "github-current-secret", "github-previous-secret", "gitlab-secret-value",
                                         "bitbucket-secret-value", "azure-password-value" })
            QVERIFY2(!log.contains(secret), log.constData());
        m_agent.reset();
    }

    void everyFixtureIsRecordedOnce()
    {
        const QList<WebhookFixture> fixtures = WebhookFixtures::all();
        int number = 0;
        for (const WebhookFixture &fixture : fixtures) {
            const QByteArray id = "delivery-" + QByteArray::number(++number);
            const auto first = post(fixture.provider, fixture.event, fixture.body(), secretFor(fixture.provider), id);
            QVERIFY2(first, qPrintable(fixture.file));
            const bool ping = fixture.expected.first().kind == u"ping";
            QVERIFY2(first->status == (ping ? 200 : 202), qPrintable(fixture.file + QLatin1Char(' ') + QString::number(first->status)
                                                                      + QLatin1Char(' ') + QString::fromUtf8(first->body)));
            const auto again = post(fixture.provider, fixture.event, fixture.body(), secretFor(fixture.provider), id);
            QVERIFY(again);
            QCOMPARE(again->status, 200);
            QCOMPARE(again->body, QByteArray("already recorded\n"));
        }

        const QList<QJsonObject> stored = storedEvents();
        QCOMPARE(stored.size(), fixtures.size());
        // Newest first: the last fixture sent is the first listed.
        for (int i = 0; i < fixtures.size(); ++i) {
            const WebhookFixture &fixture = fixtures.at(fixtures.size() - 1 - i);
            const QJsonObject &delivery = stored.at(i);
            QCOMPARE(delivery.value(QStringLiteral("provider")).toString(), providerId(fixture.provider));
            QJsonArray expected;
            for (const NormalizedEvent &event : fixture.expected)
                expected.append(event.toJson());
            QCOMPARE(delivery.value(QStringLiteral("events")).toArray(), expected);
            QVERIFY(!delivery.value(QStringLiteral("receivedAt")).toString().isEmpty());
        }
        // Azure DevOps deliveries are keyed by the event id in the body.
        QCOMPARE(storedEvents(QStringLiteral("azure-devops")).last().value(QStringLiteral("deliveryId")).toString(),
                 QStringLiteral("03c164c2-8912-4d5e-8009-3707d5f83734"));
    }

    void unauthenticatedRequestsStoreNothing_data()
    {
        QTest::addColumn<Provider>("provider");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<bool>("tamper");
        QTest::addColumn<QByteArray>("dropHeader");
        for (Provider provider : allProviders()) {
            const QByteArray name = providerId(provider).toLatin1();
            QTest::newRow(name + " wrong secret") << provider << QByteArray("not-the-secret") << false << QByteArray();
            // Only HMAC signatures cover the body; GitLab's token and Azure's Basic auth do not.
            if (provider == Provider::GitHub || provider == Provider::Bitbucket)
                QTest::newRow(name + " tampered body") << provider << secretFor(provider) << true << QByteArray();
        }
        QTest::newRow("github no signature") << Provider::GitHub << QByteArray("github-current-secret") << false << QByteArray("X-Hub-Signature-256");
        QTest::newRow("gitlab no token") << Provider::GitLab << QByteArray("gitlab-secret-value") << false << QByteArray("X-Gitlab-Token");
        QTest::newRow("bitbucket no signature") << Provider::Bitbucket << QByteArray("bitbucket-secret-value") << false << QByteArray("X-Hub-Signature");
        QTest::newRow("azure no auth") << Provider::AzureDevOps << QByteArray("azure-password-value") << false << QByteArray("Authorization");
    }
    void unauthenticatedRequestsStoreNothing()
    {
        QFETCH(Provider, provider);
        QFETCH(QByteArray, secret);
        QFETCH(bool, tamper);
        QFETCH(QByteArray, dropHeader);
        WebhookFixture fixture;
        for (const WebhookFixture &candidate : WebhookFixtures::all()) {
            if (candidate.provider == provider && candidate.expected.first().kind != u"ping") {
                fixture = candidate;
                break;
            }
        }
        const QByteArray body = fixture.body();
        auto headers = WebhookFixtures::headers(provider, fixture.event, body, secret, "bad-1");
        headers.removeIf([&](const auto &header) { return header.first == dropHeader; });
        QByteArray sent = body;
        if (tamper)
            sent.replace("refs/", "refz/");
        QVERIFY(sent != body || !tamper);
        const auto response = HttpTestClient::exchange(m_agent->port(), "POST", pathFor(provider), headers, sent);
        QVERIFY(response);
        QCOMPARE(response->status, 401);
        QVERIFY(!response->body.contains(secret));
        QCOMPARE(storedEvents().size(), 0);
    }

    // A secret that does not match is the most common misconfiguration: `status` names it, per
    // provider, with the reason and the last delivery's id, for a day.
    void statusNamesRefusals()
    {
        const QByteArray body = WebhookFixtures::all().at(1).body(); // a GitHub push
        QCOMPARE(post(Provider::GitHub, "push", body, "a-secret-github-does-not-have", "refused-1")->status, 401);
        QCOMPARE(post(Provider::GitHub, "push", body, "a-secret-github-does-not-have", "refused-2")->status, 401);
        QCOMPARE(post(Provider::GitHub, "push", body, "github-current-secret", "accepted-1")->status, 202);
        // The agent writes its tally every few seconds.
        QTRY_VERIFY_WITH_TIMEOUT(m_agent->command({ QStringLiteral("status") }).out.contains("github: 2 deliveries refused in the last 24 hours: 401 "),
                                 15'000);
        const AgentProcess::Run status = m_agent->command({ QStringLiteral("status") });
        QCOMPARE(status.exitCode, 1);
        QVERIFY2(status.out.contains("X-Hub-Signature-256 does not match") && status.out.contains("delivery refused-"), status.out.constData());
        QVERIFY(!status.out.contains("a-secret-github-does-not-have"));
        const QList<QJsonObject> json = m_agent->command({ QStringLiteral("status"), QStringLiteral("--json") }).jsonLines();
        QCOMPARE(json.size(), 1);
        for (const QJsonValue &provider : json.first().value(QStringLiteral("providers")).toArray()) {
            const QJsonArray refused = provider.toObject().value(QStringLiteral("refused24h")).toArray();
            if (provider.toObject().value(QStringLiteral("provider")).toString() != u"github") {
                QVERIFY(refused.isEmpty());
                continue;
            }
            QCOMPARE(refused.size(), 1);
            QCOMPARE(refused.first().toObject().value(QStringLiteral("count")).toInt(), 2);
            QCOMPARE(refused.first().toObject().value(QStringLiteral("status")).toInt(), 401);
        }
    }

    void authenticationComesBeforeEverythingElse()
    {
        // Not JSON, no event header, wrong content type: still 401 when unauthenticated.
        const auto response = HttpTestClient::exchange(m_agent->port(), "POST", pathFor(Provider::GitHub),
                                                       { { "Content-Type", "text/plain" } }, "garbage");
        QCOMPARE(response->status, 401);
    }

    void rotationAcceptsTheOldAndTheNewSecret()
    {
        const QByteArray body = WebhookFixtures::all().at(1).body(); // a GitHub push
        QCOMPARE(post(Provider::GitHub, "push", body, "github-current-secret", "r1")->status, 202);
        QCOMPARE(post(Provider::GitHub, "push", body, "github-previous-secret", "r2")->status, 202);
        QCOMPARE(post(Provider::GitHub, "push", body, "github-retired-secret", "r3")->status, 401);
        QCOMPARE(storedEvents().size(), 2);
    }

    void malformedRequestsAre400_data()
    {
        QTest::addColumn<Provider>("provider");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("reason");
        const QByteArray push = WebhookFixtures::all().at(1).body();
        QTest::newRow("truncated json") << Provider::GitHub << push.left(push.size() / 2) << QByteArray("application/json")
                                        << QByteArray("body is not JSON");
        QTest::newRow("wrong content type") << Provider::GitHub << push << QByteArray("text/xml")
                                            << QByteArray("Content-Type text/xml is not supported");
        QTest::newRow("json array") << Provider::GitLab << QByteArray("[1,2]") << QByteArray("application/json")
                                    << QByteArray("body must be a JSON object");
        QTest::newRow("missing field") << Provider::GitLab << QByteArray("{\"ref\": \"refs/heads/main\"}")
                                       << QByteArray("application/json") << QByteArray("Push Hook payload: project: is missing");
        // Only GitHub sends forms (its webhooks' form content type): no other provider's body is
        // decoded as one.
        QTest::newRow("form to gitlab") << Provider::GitLab << QByteArray("payload=%7B%7D") << QByteArray("application/x-www-form-urlencoded")
                                        << QByteArray("Content-Type application/x-www-form-urlencoded is not supported");
        QTest::newRow("azure without eventType") << Provider::AzureDevOps << QByteArray("{\"id\": \"x\"}")
                                                 << QByteArray("application/json") << QByteArray("eventType: is missing");
    }
    void malformedRequestsAre400()
    {
        QFETCH(Provider, provider);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, reason);
        auto headers = WebhookFixtures::headers(provider, provider == Provider::GitLab ? "Push Hook" : "push", body,
                                                secretFor(provider), "m1");
        headers.first().second = contentType;
        const auto response = HttpTestClient::exchange(m_agent->port(), "POST", pathFor(provider), headers, body);
        QCOMPARE(response->status, 400);
        QVERIFY2(response->body.contains(reason), response->body.constData());
        QCOMPARE(storedEvents().size(), 0);
    }

    void missingEventHeaderIs400()
    {
        const QByteArray body = WebhookFixtures::all().at(1).body();
        auto headers = WebhookFixtures::headers(Provider::GitHub, "push", body, "github-current-secret", "e1");
        headers.removeIf([](const auto &header) { return header.first == "X-GitHub-Event"; });
        const auto response = HttpTestClient::exchange(m_agent->port(), "POST", pathFor(Provider::GitHub), headers, body);
        QCOMPARE(response->status, 400);
        QCOMPARE(response->body, QByteArray("missing X-GitHub-Event header\n"));
    }

    // Encoded as HTML forms and GitHub encode it: a space is '+', other bytes %XX. The fixture is
    // indented JSON, so its spaces must decode as spaces for the JSON to parse at all.
    void githubFormEncodedPayload()
    {
        const QByteArray json = WebhookFixtures::all().at(1).body();
        QVERIFY(json.contains(": "));
        const QByteArray body = "payload=" + json.toPercentEncoding(" ").replace(' ', '+');
        QVERIFY(body.contains('+'));
        auto headers = WebhookFixtures::headers(Provider::GitHub, "push", body, "github-current-secret", "form-1");
        headers.first().second = "application/x-www-form-urlencoded";
        const auto response = HttpTestClient::exchange(m_agent->port(), "POST", pathFor(Provider::GitHub), headers, body);
        QCOMPARE(response->status, 202);
        QCOMPARE(storedEvents().first().value(QStringLiteral("events")).toArray().first().toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("branch_created"));
    }

    void bitbucketUnsignedPingIsAnswered()
    {
        const QByteArray body("{\"test\": true}");
        const auto response = HttpTestClient::exchange(m_agent->port(), "POST", pathFor(Provider::Bitbucket),
                                                       { { "X-Event-Key", "diagnostics:ping" }, { "X-Request-Id", "ping-1" },
                                                         { "Content-Type", "application/json; charset=UTF-8" } },
                                                       body);
        QCOMPARE(response->status, 200);
        // Nobody vouches for an unsigned request: it is answered and never stored.
        QCOMPARE(storedEvents().size(), 0);
        // A signed ping is recorded as any delivery.
        const auto signedPing = post(Provider::Bitbucket, "diagnostics:ping", body, "bitbucket-secret-value", "ping-2");
        QCOMPARE(signedPing->status, 200);
        const QList<QJsonObject> stored = storedEvents();
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().value(QStringLiteral("events")).toArray().first().toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("ping"));
    }

    void routing()
    {
        const quint16 port = m_agent->port();
        QCOMPARE(HttpTestClient::exchange(port, "POST", "/api/events-handler/v1/events/gitea", {}, "{}")->status, 404);
        QCOMPARE(HttpTestClient::exchange(port, "GET", pathFor(Provider::GitHub))->status, 405);
        QCOMPARE(HttpTestClient::exchange(port, "GET", pathFor(Provider::GitHub))->header("Allow"), QByteArray("POST"));
        QCOMPARE(HttpTestClient::exchange(port, "GET", "/elsewhere")->status, 404);
        QCOMPARE(HttpTestClient::exchange(port, "GET", "/healthz")->status, 200);
        QCOMPARE(HttpTestClient::exchange(port, "GET", "/readyz")->status, 200);
        QCOMPARE(HttpTestClient::exchange(port, "POST", "/healthz", {}, "x")->status, 405);
        QVERIFY(post(Provider::GitLab, "Push Hook", WebhookFixtures::all().at(12).body(), "gitlab-secret-value", "metrics-1"));
        const auto metrics = HttpTestClient::exchange(port, "GET", "/metrics");
        QCOMPARE(metrics->status, 200);
        QVERIFY2(metrics->body.contains("forgelink_deliveries_total{provider=\"gitlab\",outcome=\"recorded\"} 1"), metrics->body.constData());
        QVERIFY(metrics->body.contains("forgelink_http_request_duration_seconds_bucket{le=\"+Inf\"}"));
        QVERIFY(metrics->body.contains("forgelink_http_open_connections 1"));
    }

    void disabledProviderIs404()
    {
        AgentProcess onlyGitLab("providers:\n  gitlab: {webhookSecret: gitlab-secret-value}\n"
                                "  github: {appId: 1, webhookSecret: x, enabled: false}\n");
        QVERIFY2(onlyGitLab.start(), onlyGitLab.log().constData());
        const QByteArray body = WebhookFixtures::all().at(1).body();
        const auto response = HttpTestClient::exchange(onlyGitLab.port(), "POST", pathFor(Provider::GitHub),
                                                       WebhookFixtures::headers(Provider::GitHub, "push", body, "x", "d"), body);
        QCOMPARE(response->status, 404);
        QCOMPARE(onlyGitLab.terminate(), 0);
    }

    void storeFailureIs503AndRecovers()
    {
        const QByteArray body = WebhookFixtures::all().at(12).body();
        {
            // Another connection makes every insert fail, as a full or broken disk would.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("saboteur"));
            db.setDatabaseName(m_agent->databasePath());
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON deliveries BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("saboteur"));
        QCOMPARE(post(Provider::GitLab, "Push Hook", body, "gitlab-secret-value", "s1")->status, 503);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("repair"));
            db.setDatabaseName(m_agent->databasePath());
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("DROP TRIGGER refuse")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("repair"));
        // The provider retries the same delivery: now it is recorded, once.
        QCOMPARE(post(Provider::GitLab, "Push Hook", body, "gitlab-secret-value", "s1")->status, 202);
        QCOMPARE(storedEvents().size(), 1);
        QVERIFY(m_agent->log().contains("not recorded"));
    }

    void sigtermFinishesAndExitsZero()
    {
        HttpTestClient idle;
        QVERIFY(idle.connectTo(m_agent->port())); // an idle keep-alive connection must not hold the stop
        QCOMPARE(m_agent->terminate(), 0);
        QVERIFY(m_agent->log().contains("stopped"));
    }

    // --log-format json: every line an object (a log pipeline parses them all), each accepted
    // delivery at info with its provider and id; --log-level warning leaves the info lines out.
    void jsonLogsNameTheDelivery()
    {
        m_agent->kill();
        m_agent = std::make_unique<AgentProcess>(kConfig);
        m_agent->addServeArguments({ QStringLiteral("--log-format"), QStringLiteral("json") });
        QVERIFY2(m_agent->start(), m_agent->log().constData());
        WebhookFixture fixture;
        for (const WebhookFixture &candidate : WebhookFixtures::all()) {
            if (candidate.provider == Provider::GitHub && candidate.event == "push")
                fixture = candidate;
        }
        QCOMPARE(post(fixture.provider, fixture.event, fixture.body(), secretFor(fixture.provider), "json-log-1")->status, 202);
        QCOMPARE(m_agent->terminate(), 0);
        bool found = false;
        for (const QByteArray &line : m_agent->log().split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError error{};
            const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
            QVERIFY(object.contains(QStringLiteral("time")) && object.contains(QStringLiteral("level")));
            if (object.value(QStringLiteral("deliveryId")).toString() == u"json-log-1") {
                QCOMPARE(object.value(QStringLiteral("level")).toString(), QStringLiteral("info"));
                QCOMPARE(object.value(QStringLiteral("provider")).toString(), providerId(fixture.provider));
                found = true;
            }
        }
        QVERIFY2(found, m_agent->log().constData());

        QTcpServer probe; // a free port: a quiet agent does not log where it listens
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QByteArray listen = "listen: 127.0.0.1:" + QByteArray::number(probe.serverPort()) + "\n";
        probe.close();
        m_agent = std::make_unique<AgentProcess>(listen + kConfig);
        m_agent->addServeArguments({ QStringLiteral("--log-level"), QStringLiteral("warning") });
        QVERIFY2(m_agent->start(), m_agent->log().constData());
        QCOMPARE(post(fixture.provider, fixture.event, fixture.body(), secretFor(fixture.provider), "quiet-1")->status, 202);
        QCOMPARE(m_agent->terminate(), 0);
        QVERIFY2(!m_agent->log().contains("quiet-1"), m_agent->log().constData());
    }
};

QTEST_GUILESS_MAIN(tst_WebhookReceiver)
#include "tst_webhookreceiver.moc"

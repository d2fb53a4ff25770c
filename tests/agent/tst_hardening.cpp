#include "agentprocess.h"
#include "crypto/crypto.h"
#include "fakeproviderapi.h"
#include "httptestclient.h"
#include "providers/providercatalogue.h"
#include "testcertificates.h"
#include "webhookfixtures.h"

#include <QDir>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/stat.h>

using namespace forgelink;
using namespace forgelink::test;

namespace {

QByteArray path(Provider provider)
{
    return ProviderCatalogue::webhookPath(provider).toLatin1();
}

QByteArray fixture(const QString &file)
{
    for (const WebhookFixture &fixture : WebhookFixtures::all()) {
        if (fixture.file == file)
            return fixture.body();
    }
    return {};
}

mode_t modeOf(const QString &file)
{
    struct stat status {};
    return ::stat(QFile::encodeName(file).constData(), &status) == 0 ? status.st_mode & 07777 : mode_t(07777);
}

} // namespace

// The adversarial cases an outside pass found (issue "Agent hardening"), each against the real
// agent: what a client without credentials can no longer do, and how the agent stops, stores and
// answers.
class tst_Hardening : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<AgentProcess> start(const QByteArray &extra = {})
    {
        auto agent = std::make_unique<AgentProcess>(extra + AgentProcess::kAllProviders);
        if (!agent->start())
            qWarning("%s", agent->log().constData());
        return agent;
    }

    QList<QJsonObject> events(AgentProcess &agent)
    {
        return agent.command({ QStringLiteral("events"), QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("1000") }).jsonLines();
    }

private Q_SLOTS:
    // 1. An unsigned Bitbucket ping is answered but never stored; a big one is refused before its
    //    body is read.
    void unsignedPingsFillNothing()
    {
        auto agent = start();
        const QByteArray body = "{\"test\": true, \"padding\": \"" + QByteArray(8000, 'x') + "\"}";
        for (int i = 0; i < 5; ++i) {
            const auto response = HttpTestClient::exchange(agent->port(), "POST", path(Provider::Bitbucket),
                                                           { { "X-Event-Key", "diagnostics:ping" },
                                                             { "X-Request-Id", "ping-" + QByteArray::number(i) },
                                                             { "Content-Type", "application/json" } },
                                                           body);
            QVERIFY(response);
            QCOMPARE(response->status, 200);
        }
        QCOMPARE(events(*agent).size(), 0);
        HttpTestClient big;
        QVERIFY(big.connectTo(agent->port()));
        big.send("POST " + path(Provider::Bitbucket) + " HTTP/1.1\r\nHost: x\r\nX-Event-Key: diagnostics:ping\r\n"
                 "X-Request-Id: big\r\nContent-Length: 20971520\r\n\r\n{");
        const auto refused = big.readResponse(3000);
        QVERIFY(refused);
        QCOMPARE(refused->status, 413);
        QCOMPARE(agent->terminate(), 0);
    }

    // 2. A client that pipelines requests and never reads the answers stops being read: the
    //    agent's memory stays bounded, and every answer arrives once the client reads.
    void unreadAnswersStopTheReading()
    {
        auto agent = start();
        const qint64 before = agent->rssKiB();
        HttpTestClient client;
        QVERIFY(client.connectTo(agent->port()));
        const QByteArray one = HttpTestClient::request("GET", "/metrics", {}, {});
        constexpr int kRequests = 30'000; // ~4 KiB of answer each: 120 MB if all were held
        QByteArray all;
        for (int i = 0; i < kRequests; ++i)
            all += one;
        client.socket().write(all);
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 3000)
            client.socket().waitForBytesWritten(100);
        const qint64 grown = agent->rssKiB() - before;
        QVERIFY2(grown < 32 * 1024, qPrintable(QStringLiteral("grew by %1 KiB").arg(grown)));
        int answered = 0;
        while (answered < kRequests) {
            const auto response = client.readResponse(10'000);
            if (!response || response->status != 200)
                break;
            ++answered;
        }
        QCOMPARE(answered, kRequests);
        QVERIFY2(agent->peakRssKiB() - before < 48 * 1024, qPrintable(QString::number(agent->peakRssKiB() - before)));
        QCOMPARE(agent->terminate(), 0);
    }

    // 3. Headers decide first: a wrong GitLab token or Azure password is refused before a byte of
    //    body is read; bodies that need reading share a budget, and small ones always get in.
    void unverifiedBodiesAreBounded()
    {
        auto agent = start("limits: {maxPendingBodyBytes: 1048576}\n");
        for (const auto &[provider, credential] : { qMakePair(Provider::GitLab, QByteArray("X-Gitlab-Token: wrong")),
                                                   qMakePair(Provider::AzureDevOps, "Authorization: Basic " + QByteArray("pipekit:wrong").toBase64()),
                                                   qMakePair(Provider::GitHub, QByteArray("X-GitHub-Event: push")) }) {
            HttpTestClient client;
            QVERIFY(client.connectTo(agent->port()));
            client.send("POST " + path(provider) + " HTTP/1.1\r\nHost: x\r\n" + credential + "\r\nX-Gitlab-Event: Push Hook\r\n"
                        "Content-Length: 26214000\r\n\r\n");
            const auto response = client.readResponse(3000); // no body was sent at all
            QVERIFY2(response, path(provider).constData());
            QCOMPARE(response->status, 401);
        }
        // Signed GitHub requests need their body: two of 600 KiB fill the budget, a third waits.
        const QByteArray signature = "sha256=" + QByteArray(64, 'a');
        auto bigStart = [&](HttpTestClient &client, const QByteArray &id) {
            client.send("POST " + path(Provider::GitHub) + " HTTP/1.1\r\nHost: x\r\nX-GitHub-Event: push\r\nX-GitHub-Delivery: " + id
                        + "\r\nX-Hub-Signature-256: " + signature + "\r\nContent-Length: 614400\r\n\r\n" + QByteArray(1000, ' '));
        };
        HttpTestClient first, second, third;
        QVERIFY(first.connectTo(agent->port()) && second.connectTo(agent->port()) && third.connectTo(agent->port()));
        bigStart(first, "big-1");
        QThread::msleep(100);
        bigStart(second, "big-2");
        QThread::msleep(100);
        const auto waiting = second.readResponse(3000);
        QVERIFY(waiting);
        QCOMPARE(waiting->status, 503);
        QCOMPARE(waiting->header("Retry-After"), QByteArray("5"));
        // A real, small delivery still gets through meanwhile.
        const QByteArray push = fixture(QStringLiteral("gitlab/push.json"));
        const auto small = HttpTestClient::exchange(agent->port(), "POST", path(Provider::GitLab),
                                                    WebhookFixtures::headers(Provider::GitLab, "Push Hook", push, "gitlab-secret-value", "small-1"), push);
        QVERIFY(small);
        QCOMPARE(small->status, 202);
        QCOMPARE(agent->terminate(), 0);
    }

    // 4. Slow clients at the connection limit do not shut real deliveries and probes out.
    void slowClientsDoNotBlockEveryone()
    {
        auto agent = start("limits: {maxConnections: 8, headerTimeoutSeconds: 30, idleTimeoutSeconds: 30}\n");
        std::vector<std::unique_ptr<HttpTestClient>> slow;
        for (int i = 0; i < 40; ++i) {
            slow.push_back(std::make_unique<HttpTestClient>());
            QVERIFY(slow.back()->connectTo(agent->port()));
            slow.back()->send("POST " + path(Provider::GitLab) + " HTTP/1.1\r\nHost: x\r\n"); // and never more
            QThread::msleep(5);
        }
        QCOMPARE(HttpTestClient::exchange(agent->port(), "GET", "/healthz")->status, 200);
        QCOMPARE(HttpTestClient::exchange(agent->port(), "GET", "/readyz")->status, 200);
        const QByteArray push = fixture(QStringLiteral("gitlab/push.json"));
        const auto delivered = HttpTestClient::exchange(agent->port(), "POST", path(Provider::GitLab),
                                                        WebhookFixtures::headers(Provider::GitLab, "Push Hook", push, "gitlab-secret-value", "real-1"), push);
        QVERIFY(delivered);
        QCOMPARE(delivered->status, 202);
        QVERIFY2(agent->log().size() < 20'000, agent->log().right(2000).constData()); // no line per refusal
        QCOMPARE(agent->terminate(), 0);
    }

    // 5. A body that trickles in, each byte just inside the stall timeout, is cut by the request's
    //    deadline.
    void trickledBodyMeetsTheDeadline()
    {
        auto agent = start("limits: {idleTimeoutSeconds: 2, requestTimeoutSeconds: 3}\n");
        HttpTestClient client;
        QVERIFY(client.connectTo(agent->port()));
        client.send("POST " + path(Provider::GitLab) + " HTTP/1.1\r\nHost: x\r\nX-Gitlab-Token: gitlab-secret-value\r\n"
                    "X-Gitlab-Event: Push Hook\r\nContent-Length: 1000\r\n\r\n");
        QElapsedTimer clock;
        clock.start();
        std::optional<HttpTestClient::Response> response;
        while (clock.elapsed() < 8000 && !response) {
            client.send("x");
            response = client.readResponse(500);
        }
        QVERIFY(response);
        QCOMPARE(response->status, 408);
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(agent->terminate(), 0);
    }

    // 6. A transfer coding that does not end in chunked leaves the body's length unknown: 400 and
    //    the connection closes, so what follows cannot be smuggled in as a second request.
    void transferCodingsThatSmuggleAreRefused_data()
    {
        QTest::addColumn<QByteArray>("coding");
        QTest::addColumn<int>("status");
        QTest::newRow("identity") << QByteArray("identity") << 400;
        QTest::newRow("gzip") << QByteArray("gzip") << 400;
        QTest::newRow("chunked, identity") << QByteArray("chunked, identity") << 400;
        QTest::newRow("gzip, chunked") << QByteArray("gzip, chunked") << 501;
    }
    void transferCodingsThatSmuggleAreRefused()
    {
        QFETCH(QByteArray, coding);
        QFETCH(int, status);
        auto agent = start();
        HttpTestClient client;
        QVERIFY(client.connectTo(agent->port()));
        client.send("POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding + "\r\n\r\n"
                    "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto response = client.readResponse(3000);
        QVERIFY(response);
        QCOMPARE(response->status, status);
        QCOMPARE(response->header("Connection"), QByteArray("close"));
        QVERIFY(!client.readResponse(1000)); // the smuggled GET got no answer
        QVERIFY(client.waitForClosed(3000));
        QCOMPARE(agent->terminate(), 0);
    }

    // 7. SIGTERM answers what was received (committed: 2xx) before closing, including requests
    //    pipelined behind others, and stops a sync that is busy retrying.
    void sigtermAnswersWhatWasReceived()
    {
        auto agent = start();
        const QByteArray push = fixture(QStringLiteral("gitlab/push.json"));
        std::vector<std::unique_ptr<HttpTestClient>> clients;
        for (int i = 0; i < 10; ++i) {
            clients.push_back(std::make_unique<HttpTestClient>());
            QVERIFY(clients.back()->connectTo(agent->port()));
            QByteArray requests;
            for (int j = 0; j < 3; ++j) {
                const QByteArray id = QByteArray::number(i) + '-' + QByteArray::number(j);
                requests += HttpTestClient::request("POST", path(Provider::GitLab),
                                                    WebhookFixtures::headers(Provider::GitLab, "Push Hook", push, "gitlab-secret-value", id), push);
            }
            clients.back()->socket().write(requests);
            clients.back()->socket().flush();
        }
        agent->signal(SIGTERM);
        int answered = 0;
        for (auto &client : clients) {
            for (int j = 0; j < 3; ++j) {
                const auto response = client->readResponse(10'000);
                QVERIFY2(response, "a request that was received got no answer");
                QVERIFY2(response->status == 202 || response->status == 503, qPrintable(QString::number(response->status)));
                answered += response->status == 202 ? 1 : 0;
            }
        }
        QCOMPARE(agent->waitForExit(15'000), 0);
        AgentProcess::Run listed = agent->command({ QStringLiteral("events"), QStringLiteral("--limit"), QStringLiteral("100") });
        // Every 2xx is stored: one line each below the table's header (nothing at all when empty).
        QCOMPARE(listed.out.count('\n'), answered == 0 ? 0 : answered + 1);
    }

    void sigtermCancelsARetryingSync()
    {
        FakeProviderApi gitlab(Provider::GitLab);
        gitlab.addRepos(3);
        gitlab.injectFault({ QStringLiteral("/projects"), 502, "{}", {}, 1000 });
        QVERIFY(gitlab.start());
        AgentProcess agent("network: {maxAttempts: 20, retryBaseMilliseconds: 4000}\n"
                           "providers:\n  gitlab: {url: " + gitlab.baseUrl().toUtf8() + ", token: " + gitlab.token
                           + ", webhookSecret: gitlab-secret-value}\n");
        QVERIFY2(agent.start(), agent.log().constData());
        agent.signal(SIGHUP);
        QTRY_VERIFY_WITH_TIMEOUT(gitlab.requestCount(QStringLiteral("/projects")) >= 1, 5000);
        QElapsedTimer clock;
        clock.start();
        agent.signal(SIGTERM);
        // Serve the fake while the agent stops.
        while (agent.pid() != 0 && clock.elapsed() < 20'000)
            QTest::qWait(50);
        QCOMPARE(agent.waitForExit(1000), 0);
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QStringLiteral("took %1 ms").arg(clock.elapsed())));
        QVERIFY(agent.log().contains("stopping the sync and hook run in progress"));
    }

    // 8. The database holds payloads and rotated secrets: 0600 (and its folder 0700) whatever the
    //    umask.
    void databaseFilesArePrivate()
    {
        const mode_t previous = ::umask(022);
        auto agent = start("database: sqlite://state/deeper/forgelink.db\n");
        ::umask(previous);
        QVERIFY(agent->port() != 0);
        const QByteArray push = fixture(QStringLiteral("gitlab/push.json"));
        QCOMPARE(HttpTestClient::exchange(agent->port(), "POST", path(Provider::GitLab),
                                          WebhookFixtures::headers(Provider::GitLab, "Push Hook", push, "gitlab-secret-value", "p1"), push)
                         ->status,
                 202);
        const QString folder = QDir(agent->directory()).filePath(QStringLiteral("state/deeper"));
        QCOMPARE(modeOf(QDir(agent->directory()).filePath(QStringLiteral("state"))), mode_t(0700));
        QCOMPARE(modeOf(folder), mode_t(0700));
        for (const QString &file : { QStringLiteral("forgelink.db"), QStringLiteral("forgelink.db-wal"), QStringLiteral("forgelink.db-shm") }) {
            QVERIFY2(QFileInfo::exists(QDir(folder).filePath(file)), qPrintable(file));
            QCOMPARE(modeOf(QDir(folder).filePath(file)), mode_t(0600));
        }
        QCOMPARE(agent->terminate(), 0);
    }

    // 9. Not ready while commits fail; ready again once a write goes through.
    void readinessFollowsCommits()
    {
        auto agent = start();
        auto sabotage = [&](const QStringList &statements) {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("saboteur"));
            db.setDatabaseName(agent->databasePath());
            bool ok = db.open();
            QSqlQuery query(db);
            for (const QString &statement : statements)
                ok &= query.exec(statement);
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(QStringLiteral("saboteur"));
            return ok;
        };
        // A nearly full disk refuses a delivery's write while the readiness probe's small write
        // still fits: ready follows the deliveries' commits, not the probe.
        QVERIFY(sabotage({ QStringLiteral("CREATE TRIGGER full1 BEFORE INSERT ON deliveries BEGIN SELECT RAISE(ABORT, 'disk full'); END") }));
        QCOMPARE(HttpTestClient::exchange(agent->port(), "GET", "/readyz")->status, 200);
        const QByteArray push = fixture(QStringLiteral("gitlab/push.json"));
        QCOMPARE(HttpTestClient::exchange(agent->port(), "POST", path(Provider::GitLab),
                                          WebhookFixtures::headers(Provider::GitLab, "Push Hook", push, "gitlab-secret-value", "r1"), push)
                         ->status,
                 503);
        const auto notReady = HttpTestClient::exchange(agent->port(), "GET", "/readyz");
        QCOMPARE(notReady->status, 503);
        QVERIFY2(notReady->body.contains("the last commits failed"), notReady->body.constData());
        QVERIFY(sabotage({ QStringLiteral("DROP TRIGGER full1") }));
        // Still not ready by the probe alone; a delivery that commits again is.
        QCOMPARE(HttpTestClient::exchange(agent->port(), "GET", "/readyz")->status, 503);
        QCOMPARE(HttpTestClient::exchange(agent->port(), "POST", path(Provider::GitLab),
                                          WebhookFixtures::headers(Provider::GitLab, "Push Hook", push, "gitlab-secret-value", "r2"), push)
                         ->status,
                 202);
        QCOMPARE(HttpTestClient::exchange(agent->port(), "GET", "/readyz")->status, 200);
        QCOMPARE(agent->terminate(), 0);
    }

    // An identity header sent twice (a delivery id, an event name) is refused: the ledger and the
    // targets would each see another one.
    void duplicatedIdentityHeadersAreRefused()
    {
        auto agent = start();
        const QByteArray push = fixture(QStringLiteral("github/push_branch.json"));
        auto headers = WebhookFixtures::headers(Provider::GitHub, "push", push, "github-secret-value", "first-id");
        headers.append(qMakePair(QByteArray("X-GitHub-Delivery"), QByteArray("second-id")));
        const auto twice = HttpTestClient::exchange(agent->port(), "POST", path(Provider::GitHub), headers, push);
        QCOMPARE(twice->status, 400);
        QVERIFY2(twice->body.contains("X-GitHub-Delivery appears 2 times; send one"), twice->body.constData());
        QCOMPARE(events(*agent).size(), 0);
        // A request the parser refuses is counted in the responses metric too.
        HttpTestClient client;
        QVERIFY(client.connectTo(agent->port()));
        client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
        const auto malformed = client.readResponse(3000);
        QVERIFY(malformed);
        QCOMPARE(malformed->status, 400);
        const QByteArray metrics = HttpTestClient::exchange(agent->port(), "GET", "/metrics")->body;
        QVERIFY2(metrics.contains("forgelink_http_responses_total{code=\"400\"} 2"), metrics.constData());
        QCOMPARE(agent->terminate(), 0);
    }

    // Unsigned requests are refused with a log line now and then, not one each; a signed
    // payload's repository name with a newline cannot write a forged line.
    void logsCannotBeFloodedOrForged()
    {
        auto agent = start();
        const QByteArray push = fixture(QStringLiteral("github/push_branch.json"));
        for (int i = 0; i < 200; ++i) {
            const auto refused = HttpTestClient::exchange(agent->port(), "POST", path(Provider::GitHub),
                                                          { { "Content-Type", "application/json" }, { "X-GitHub-Event", "push" },
                                                            { "X-GitHub-Delivery", "unsigned-" + QByteArray::number(i) } },
                                                          push);
            QCOMPARE(refused->status, 401);
        }
        QJsonObject payload = QJsonDocument::fromJson(push).object();
        QJsonObject repository = payload.value(QStringLiteral("repository")).toObject();
        repository.insert(QStringLiteral("full_name"), QStringLiteral("acme/x\n2026-12-05T00:00:00.000Z info forgelink.agent: forged\u001b[2J"));
        payload.insert(QStringLiteral("repository"), repository);
        const QByteArray forged = QJsonDocument(payload).toJson(QJsonDocument::Compact);
        QCOMPARE(HttpTestClient::exchange(agent->port(), "POST", path(Provider::GitHub),
                                          WebhookFixtures::headers(Provider::GitHub, "push", forged, "github-secret-value", "forged-1"), forged)
                         ->status,
                 202);
        QTRY_VERIFY(agent->log().contains("forged-1"));
        const QByteArray log = agent->log();
        QVERIFY2(log.count("refused 401") <= 2, log.constData());
        QVERIFY2(log.contains("github delivery unsigned-0 from 127.0.0.1 refused 401"), log.constData()); // findable at GitHub
        QVERIFY2(!log.contains('\x1b'), log.constData());
        for (const QByteArray &line : log.split('\n'))
            QVERIFY2(!line.startsWith("2026-12-05T00:00:00.000Z"), log.constData());
        const QByteArray metrics = HttpTestClient::exchange(agent->port(), "GET", "/metrics")->body;
        QVERIFY2(metrics.contains("forgelink_deliveries_total{provider=\"github\",outcome=\"unauthorized\"} 200"), metrics.constData());
        QCOMPARE(agent->terminate(), 0);
    }

    // A forwarded delivery that comes back (a forward target pointing at an agent) is a loop:
    // 508, not recorded, counted; an unsigned one is still 401 first.
    void forwardedDeliveriesComingBackAreLoops()
    {
        auto agent = start();
        const QByteArray push = fixture(QStringLiteral("gitlab/push.json"));
        auto headers = WebhookFixtures::headers(Provider::GitLab, "Push Hook", push, "gitlab-secret-value", "loop-1");
        headers.append(qMakePair(QByteArray("X-Forgelink-Delivery"), QByteArray("gitlab:loop-1")));
        const auto looped = HttpTestClient::exchange(agent->port(), "POST", path(Provider::GitLab), headers, push);
        QCOMPARE(looped->status, 508);
        QVERIFY2(looped->body.contains("loop detected"), looped->body.constData());
        QCOMPARE(events(*agent).size(), 0);
        headers.removeIf([](const auto &header) { return header.first == "X-Gitlab-Token"; });
        QCOMPARE(HttpTestClient::exchange(agent->port(), "POST", path(Provider::GitLab), headers, push)->status, 401);
        QTRY_VERIFY(agent->log().contains("loop detected"));
        const QByteArray metrics = HttpTestClient::exchange(agent->port(), "GET", "/metrics")->body;
        QVERIFY2(metrics.contains("forgelink_deliveries_total{provider=\"gitlab\",outcome=\"loop\"} 1"), metrics.constData());
        QCOMPARE(agent->terminate(), 0);
    }

    // TLS handshakes under way count against maxConnections: silent clients that never finish
    // one are closed to make room, and a real client still gets its answer.
    void tlsHandshakesCountTowardTheLimit()
    {
        TestCertificates certificates;
        QTemporaryDir folder;
        QVERIFY(certificates.writeTo(folder.path()));
        auto agent = start("tls: {certificate: " + folder.filePath(QStringLiteral("server.pem")).toUtf8() + ", privateKey: "
                           + folder.filePath(QStringLiteral("server.key")).toUtf8() + "}\n"
                           "limits: {maxConnections: 4, headerTimeoutSeconds: 30}\n");
        std::vector<std::unique_ptr<QTcpSocket>> silent;
        for (int i = 0; i < 12; ++i) {
            silent.push_back(std::make_unique<QTcpSocket>());
            silent.back()->connectToHost(QHostAddress::LocalHost, agent->port());
            QVERIFY(silent.back()->waitForConnected(3000));
        }
        auto open = [&] {
            int count = 0;
            for (const auto &socket : silent) {
                socket->waitForReadyRead(1);
                count += socket->state() == QAbstractSocket::ConnectedState;
            }
            return count;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(open() <= 4, agent->log().constData(), 10'000);
        QSslSocket client;
        client.setPeerVerifyMode(QSslSocket::VerifyNone);
        client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), agent->port());
        QVERIFY2(client.waitForEncrypted(5000), qPrintable(client.errorString()));
        client.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QByteArray answer;
        while (client.waitForReadyRead(5000))
            answer += client.readAll();
        answer += client.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QCOMPARE(agent->terminate(), 0);
    }

    // 10. Absolute-form targets (RFC 9112 section 3.2.2) and a Basic scheme in capitals.
    void absoluteTargetsAndSchemeCase()
    {
        auto agent = start();
        const QByteArray push = fixture(QStringLiteral("gitlab/push.json"));
        const auto absolute = HttpTestClient::exchange(agent->port(), "POST", "http://pipekit.example.com" + path(Provider::GitLab),
                                                       WebhookFixtures::headers(Provider::GitLab, "Push Hook", push, "gitlab-secret-value", "a1"), push);
        QCOMPARE(absolute->status, 202);
        const QByteArray azure = fixture(QStringLiteral("azure-devops/git.push.json"));
        const auto basic = HttpTestClient::exchange(agent->port(), "POST", path(Provider::AzureDevOps),
                                                    { { "Content-Type", "application/json" },
                                                      { "Authorization", "BASIC " + QByteArray("pipekit:azure-password-value").toBase64() } },
                                                    azure);
        QCOMPARE(basic->status, 202);
        QCOMPARE(agent->terminate(), 0);
    }

    // 11. An id no provider sends is refused, naming the field, instead of stored wrapped.
    void idsOutOfRangeAre400()
    {
        auto agent = start();
        QByteArray body = fixture(QStringLiteral("github/repository_created.json"));
        QJsonObject payload = QJsonDocument::fromJson(body).object();
        QJsonObject repository = payload.value(QStringLiteral("repository")).toObject();
        body = QJsonDocument(payload).toJson(QJsonDocument::Compact);
        const QByteArray id = "\"id\":" + QByteArray::number(qint64(repository.value(QStringLiteral("id")).toDouble()));
        QVERIFY(body.contains(id));
        body.replace(body.indexOf(id), id.size(), "\"id\":1e300");
        const auto response = HttpTestClient::exchange(agent->port(), "POST", path(Provider::GitHub),
                                                       WebhookFixtures::headers(Provider::GitHub, "repository", body, "github-secret-value", "big-id"), body);
        QCOMPARE(response->status, 400);
        QVERIFY2(response->body.contains("repository.id: number 1e+300 is out of range"), response->body.constData());
        QCOMPARE(agent->command({ QStringLiteral("repos"), QStringLiteral("--json") }).out, QByteArray());
        QCOMPARE(agent->terminate(), 0);
    }

    // 12. A delivery id a client makes up cannot take the place of the body-hash fallback.
    void deliveryIdsCannotCollideWithBodyHashes()
    {
        auto agent = start();
        const QByteArray first = fixture(QStringLiteral("gitlab/push.json"));
        const QByteArray second = fixture(QStringLiteral("gitlab/tag_push.json"));
        const QByteArray forged = "sha256:" + Crypto::sha256(second).toHex();
        QCOMPARE(HttpTestClient::exchange(agent->port(), "POST", path(Provider::GitLab),
                                          WebhookFixtures::headers(Provider::GitLab, "Push Hook", first, "gitlab-secret-value", forged), first)
                         ->status,
                 202);
        auto withoutId = WebhookFixtures::headers(Provider::GitLab, "Tag Push Hook", second, "gitlab-secret-value", "x");
        withoutId.removeIf([](const auto &header) { return header.first == "Idempotency-Key"; });
        QCOMPARE(HttpTestClient::exchange(agent->port(), "POST", path(Provider::GitLab), withoutId, second)->status, 202);
        QCOMPARE(events(*agent).size(), 2);
        QCOMPARE(agent->terminate(), 0);
    }

    // 13. Empty lines before a request line are ignored; a signature header sent twice is refused.
    void leadingEmptyLinesAndDuplicatedSignatures()
    {
        auto agent = start();
        HttpTestClient client;
        QVERIFY(client.connectTo(agent->port()));
        client.send("\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto probe = client.readResponse(3000);
        QVERIFY(probe);
        QCOMPARE(probe->status, 200);
        const QByteArray push = fixture(QStringLiteral("github/push_branch.json"));
        auto headers = WebhookFixtures::headers(Provider::GitHub, "push", push, "github-secret-value", "dup-1");
        headers.append(qMakePair(QByteArray("X-Hub-Signature-256"), "sha256=" + QByteArray(64, '0')));
        const auto twice = HttpTestClient::exchange(agent->port(), "POST", path(Provider::GitHub), headers, push);
        QCOMPARE(twice->status, 401);
        QVERIFY2(twice->body.contains("X-Hub-Signature-256 appears 2 times"), twice->body.constData());
        auto tokens = WebhookFixtures::headers(Provider::GitLab, "Push Hook", push, "gitlab-secret-value", "dup-2");
        tokens.prepend(qMakePair(QByteArray("X-Gitlab-Token"), QByteArray("gitlab-secret-value")));
        QCOMPARE(HttpTestClient::exchange(agent->port(), "POST", path(Provider::GitLab), tokens, push)->status, 401);
        QCOMPARE(agent->terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Hardening)
#include "tst_hardening.moc"

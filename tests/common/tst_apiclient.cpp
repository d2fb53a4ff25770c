#include "providers/apiclient.h"
#include "fakeproviderapi.h"
#include "hostileserver.h"

#include <QDateTime>
#include <QLocale>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>

using namespace forgelink;
using namespace forgelink::test;

// How the API client waits: against loopback fakes that send what GitHub and GitLab send (GitHub's
// rate-limit headers on every answer, errors included; GitLab's per-minute limits without any
// header), with the waits recorded instead of slept.
class tst_ApiClient : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<FakeProviderApi> m_fake;
    QList<int> m_waits;

    std::unique_ptr<ApiClient> client(int maxWaitSeconds = 300)
    {
        ApiSettings settings;
        settings.baseUrl = m_fake->baseUrl();
        settings.maxAttempts = 4;
        settings.baseBackoffMs = 100;
        settings.timeoutMs = 5000;
        settings.maxRateLimitWaitMs = maxWaitSeconds * 1000;
        auto made = std::make_unique<ApiClient>(settings);
        made->setSleeper([this](int ms) { m_waits << ms; });
        return made;
    }

    void fault(int status, const QByteArray &body, QList<QPair<QByteArray, QByteArray>> headers, int times = 1)
    {
        m_fake->injectFault({ QStringLiteral("/zen"), status, body, std::move(headers), times });
    }

private Q_SLOTS:
    void init()
    {
        m_waits.clear();
        m_fake = std::make_unique<FakeProviderApi>(Provider::GitHub);
        QVERIFY(m_fake->start());
    }

    // A 502 from GitHub carries x-ratelimit-reset, an hour ahead: that is when the quota refills,
    // not a reason to wait. The client backs off briefly and says how long.
    void serverErrorIgnoresTheResetTime()
    {
        fault(502, "{\"message\":\"Server Error\"}", {}, 2);
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("GET .*/zen answered 502 .*; retrying in 0\\.[0-9] s")));
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("GET .*/zen answered 502 .*; retrying in 0\\.[0-9] s")));
        const auto api = client();
        const Result<ApiClient::Response> response = api->get(QStringLiteral("/zen"));
        QVERIFY2(response, qPrintable(response.error()));
        QCOMPARE(response->status, 404);
        QCOMPARE(m_fake->statusCount(502), 2);
        QVERIFY(!response->header("x-ratelimit-reset").isEmpty()); // the fake sends it on every answer
        QCOMPARE(m_waits.size(), 2);
        for (int wait : m_waits)
            QVERIFY2(wait < 1000, qPrintable(QString::number(wait)));
    }

    void serverErrorHonoursRetryAfter()
    {
        fault(503, {}, { { "Retry-After", "7" } });
        const auto api = client();
        QVERIFY(api->get(QStringLiteral("/zen")));
        QCOMPARE(m_waits, QList<int>{ 7000 });
    }

    void retryAfterAsAnHttpDate()
    {
        const QByteArray date = QLocale::c()
                                        .toString(QDateTime::currentDateTimeUtc().addSecs(20), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                                        .toLatin1();
        fault(503, {}, { { "Retry-After", date } });
        const auto api = client();
        QVERIFY(api->get(QStringLiteral("/zen")));
        QCOMPARE(m_waits.size(), 1);
        QVERIFY2(m_waits.first() > 17'000 && m_waits.first() <= 20'000, qPrintable(QString::number(m_waits.first())));
    }

    void waitBeyondTheLimitFailsAtOnce()
    {
        fault(503, {}, { { "Retry-After", "3600" } }, 10);
        const auto api = client(10);
        const Result<ApiClient::Response> response = api->get(QStringLiteral("/zen"));
        QVERIFY(!response);
        QVERIFY2(response.error().contains(QStringLiteral("asks to retry in 3600 s, longer than the 10 s this run may wait")),
                 qPrintable(response.error()));
        QCOMPARE(api->callsMade(), 1);
        QVERIFY(m_waits.isEmpty());
    }

    void primaryRateLimitWaitsForTheReset()
    {
        fault(403, "{\"message\":\"API rate limit exceeded for installation ID 1.\"}",
              { { "x-ratelimit-remaining", "0" }, { "x-ratelimit-reset", QByteArray::number(QDateTime::currentSecsSinceEpoch() + 30) } });
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("rate limited .*; retrying in 3[01]\\.[0-9] s")));
        const auto api = client();
        QVERIFY(api->get(QStringLiteral("/zen")));
        QCOMPARE(m_waits.size(), 1);
        QVERIFY2(m_waits.first() >= 29'000 && m_waits.first() <= 32'000, qPrintable(QString::number(m_waits.first())));
    }

    void primaryRateLimitBeyondTheLimitFails()
    {
        fault(429, "{\"message\":\"API rate limit exceeded\"}",
              { { "x-ratelimit-remaining", "0" }, { "x-ratelimit-reset", QByteArray::number(QDateTime::currentSecsSinceEpoch() + 7200) } }, 10);
        const auto api = client();
        const Result<ApiClient::Response> response = api->get(QStringLiteral("/zen"));
        QVERIFY(!response);
        QVERIFY2(response.error().contains(QStringLiteral("rate limit exhausted; it resets in")), qPrintable(response.error()));
        QVERIFY(response.error().contains(QStringLiteral("longer than the 300 s this run may wait")));
    }

    // GitHub: "If you exceed a secondary rate limit ... If the retry-after response header is not
    // present, wait for at least one minute".
    void secondaryRateLimitWithoutRetryAfterWaitsAMinute()
    {
        fault(403, "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}", {});
        const auto api = client();
        QVERIFY(api->get(QStringLiteral("/zen")));
        QCOMPARE(m_waits, QList<int>{ 60'000 });
    }

    // GitLab's per-minute application limits (hook tests, 5 a minute since 17.1) answer 429 with no
    // Retry-After and no RateLimit headers.
    void gitlabApplicationLimitWaitsAMinute()
    {
        m_fake = std::make_unique<FakeProviderApi>(Provider::GitLab);
        QVERIFY(m_fake->start());
        fault(429, "{\"message\":{\"error\":\"This endpoint has been requested too many times. Try again later.\"}}", {});
        const auto api = client();
        QVERIFY(api->get(QStringLiteral("/zen")));
        QCOMPARE(m_waits, QList<int>{ 60'000 });
    }

    void unresolvableHostFailsAtOnce()
    {
        ApiSettings settings;
        settings.baseUrl = QStringLiteral("http://forgelink-test.invalid"); // .invalid never resolves (RFC 6761)
        settings.maxAttempts = 5;
        ApiClient api(settings);
        api.setSleeper([this](int ms) { m_waits << ms; });
        const Result<ApiClient::Response> response = api.get(QStringLiteral("/api/v4/projects"));
        QVERIFY(!response);
        QVERIFY2(response.error().contains(QStringLiteral("cannot resolve the host name forgelink-test.invalid")), qPrintable(response.error()));
        QCOMPARE(api.callsMade(), 1);
        QVERIFY(m_waits.isEmpty());
    }

    // Pagination links are followed only on the API's own origin: the credentials of a request
    // (a GitHub App's JWT, a PAT) never reach another host or port.
    void credentialsStayOnTheApisOrigin_data()
    {
        QTest::addColumn<QString>("link");
        QTest::newRow("another port") << QStringLiteral("http://127.0.0.1:%1/api/v3/app/hook/deliveries?cursor=x");
        QTest::newRow("another host") << QStringLiteral("http://localhost:%2/api/v3/app/hook/deliveries?cursor=x");
        QTest::newRow("another scheme") << QStringLiteral("https://127.0.0.1:%2/api/v3/app/hook/deliveries?cursor=x");
    }
    void credentialsStayOnTheApisOrigin()
    {
        QFETCH(QString, link);
        HostileServer elsewhere("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", [] { return QByteArray(); });
        const QString target = link.arg(elsewhere.serverPort()).arg(QUrl(m_fake->baseUrl()).port());
        const auto api = client();
        const Result<ApiClient::Response> response = api->get(target, { { "Authorization", "Bearer the-apps-jwt" } });
        QVERIFY(!response);
        QVERIFY2(response.error().contains(QStringLiteral("refusing to send credentials to")), qPrintable(response.error()));
        QVERIFY2(!response.error().contains(QStringLiteral("the-apps-jwt")), qPrintable(response.error()));
        QTest::qWait(0);
        QCOMPARE(elsewhere.connections, 0);
        QCOMPARE(api->callsMade(), 0);
        // The API's own links work as before.
        QVERIFY(api->get(m_fake->baseUrl() + QStringLiteral("/zen")));
    }

    // timeoutSeconds bounds the whole request: a server that sends a byte now and then no longer
    // holds it forever (Qt's transfer timeout restarts with every byte).
    void tricklingAnswerEndsAtTheDeadline()
    {
        HostileServer slow("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[",
                           [] { return QByteArray(" "); }, 100);
        ApiSettings settings;
        settings.baseUrl = slow.url();
        settings.maxAttempts = 1;
        settings.timeoutMs = 1500;
        ApiClient api(settings);
        QElapsedTimer elapsed;
        elapsed.start();
        const Result<ApiClient::Response> response = api.get(QStringLiteral("/repositories"));
        QVERIFY(!response);
        QVERIFY2(response.error().contains(QStringLiteral("no complete answer within 1.5 s")), qPrintable(response.error()));
        QVERIFY2(elapsed.elapsed() < 10'000, qPrintable(QString::number(elapsed.elapsed())));
    }

    // An answer larger than maxResponseBytes fails at once, without being kept or retried.
    void oversizedAnswerFailsWithoutRetry_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::newRow("announced") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2000000000\r\n\r\n");
        QTest::newRow("endless chunks") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    }
    void oversizedAnswerFailsWithoutRetry()
    {
        QFETCH(QByteArray, head);
        const bool chunked = head.contains("chunked");
        HostileServer flood(head, [chunked] {
            const QByteArray block(64 * 1024, 'x');
            return chunked ? QByteArray::number(block.size(), 16) + "\r\n" + block + "\r\n" : block;
        });
        ApiSettings settings;
        settings.baseUrl = flood.url();
        settings.maxAttempts = 3;
        settings.maxResponseBytes = 1024 * 1024;
        ApiClient api(settings);
        const Result<ApiClient::Response> response = api.get(QStringLiteral("/repositories"));
        QVERIFY(!response);
        QVERIFY2(response.error().contains(QStringLiteral("the answer is larger than 1 MiB")), qPrintable(response.error()));
        QCOMPARE(api.callsMade(), 1);
    }

    void cancelledClientSendsNothing()
    {
        auto flag = std::make_shared<std::atomic_bool>(true);
        const auto api = client();
        api->setCancelFlag(flag);
        const Result<ApiClient::Response> response = api->get(QStringLiteral("/zen"));
        QVERIFY(!response);
        QVERIFY2(response.error().endsWith(QStringLiteral("cancelled")), qPrintable(response.error()));
        QCOMPARE(m_fake->requestCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_ApiClient)
#include "tst_apiclient.moc"

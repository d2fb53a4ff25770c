#include "agentprocess.h"
#include "http/httpserver.h"
#include "httptestclient.h"
#include "providers/providercatalogue.h"
#include "webhookfixtures.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>
#include <QThread>

using namespace forgelink;
using namespace forgelink::test;

// The HTTP layer's limits and protocol features, against the real agent.
class tst_HttpServer : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<AgentProcess> m_agent;
    const QByteArray m_path = ProviderCatalogue::webhookPath(Provider::GitLab).toLatin1();

    QByteArray signedPush(const QByteArray &deliveryId)
    {
        const QByteArray body = WebhookFixtures::all().at(12).body(); // GitLab push
        return HttpTestClient::request("POST", m_path,
                                       WebhookFixtures::headers(Provider::GitLab, "Push Hook", body, "gitlab-secret-value", deliveryId),
                                       body);
    }

private Q_SLOTS:
    void init()
    {
        m_agent = std::make_unique<AgentProcess>("limits: {maxHeaderBytes: 4096, maxBodyBytes: 65536, headerTimeoutSeconds: 1,\n"
                                                 "         idleTimeoutSeconds: 2, maxConnections: 8}\n"
                                                 "providers:\n  gitlab: {webhookSecret: gitlab-secret-value}\n");
        QVERIFY2(m_agent->start(), m_agent->log().constData());
    }

    void cleanup()
    {
        QCOMPARE(m_agent->terminate(), 0);
        m_agent.reset();
    }

    // In process, on a thread of its own: an answer larger than the kernel's socket buffer goes
    // partly straight to the socket and the rest through Qt's buffer; the answer pipelined behind
    // it must wait for all of it.
    void bigAnswersArriveWholeAndInOrder()
    {
        QByteArray big(24 * 1024 * 1024, '\0');
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char('a' + (i * 7919) % 26);
        QThread thread;
        thread.start();
        auto *server = new HttpServer(HttpLimits{}, [&big](HttpRequest request, HttpServer::Responder respond) {
            HttpResponse response;
            response.body = request.path == "/big" ? big : QByteArray("small");
            respond(response);
        });
        server->moveToThread(&thread);
        quint16 port = 0;
        QMetaObject::invokeMethod(server, [&] { if (server->listen(QHostAddress::LocalHost, 0)) port = server->serverPort(); },
                                  Qt::BlockingQueuedConnection);
        QVERIFY(port != 0);

        HttpTestClient client;
        QVERIFY(client.connectTo(port));
        client.send(HttpTestClient::request("GET", "/big", {}, {}) + HttpTestClient::request("GET", "/small", {}, {}));
        QThread::msleep(300); // the server fills the socket buffer before anything is read
        const auto first = client.readResponse(60'000);
        const auto second = client.readResponse();
        QMetaObject::invokeMethod(server, [server] { delete server; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
        QVERIFY(first && second);
        QCOMPARE(first->body.size(), big.size());
        QVERIFY(first->body == big);
        QCOMPARE(second->body, QByteArray("small"));
    }

    void keepAliveServesSeveralRequests()
    {
        HttpTestClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        for (int i = 0; i < 3; ++i) {
            client.send(signedPush("keep-" + QByteArray::number(i)));
            const auto response = client.readResponse();
            QVERIFY(response);
            QCOMPARE(response->status, 202);
            QCOMPARE(response->header("Connection"), QByteArray("keep-alive"));
        }
    }

    void pipelinedAnswersComeInOrder()
    {
        HttpTestClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        // The webhook waits for a commit; /healthz answers at once. The answers still keep order.
        client.send(signedPush("pipe-1") + HttpTestClient::request("GET", "/healthz", {}, {}) + signedPush("pipe-1")
                    + HttpTestClient::request("GET", "/nope", {}, {}));
        QCOMPARE(client.readResponse()->status, 202);
        QCOMPARE(client.readResponse()->status, 200);
        QCOMPARE(client.readResponse()->status, 200); // the same delivery again
        QCOMPARE(client.readResponse()->status, 404);
    }

    void expectContinue()
    {
        const QByteArray body = WebhookFixtures::all().at(12).body();
        auto headers = WebhookFixtures::headers(Provider::GitLab, "Push Hook", body, "gitlab-secret-value", "continue-1");
        headers.append(qMakePair(QByteArray("Expect"), QByteArray("100-continue")));
        const QByteArray request = HttpTestClient::request("POST", m_path, headers, body);
        const qsizetype headerEnd = request.indexOf("\r\n\r\n") + 4;
        HttpTestClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        client.send(request.left(headerEnd));
        const auto interim = client.readResponse();
        QVERIFY(interim);
        QCOMPARE(interim->status, 100);
        client.send(request.mid(headerEnd));
        QCOMPARE(client.readResponse()->status, 202);
    }

    void oversizedBodyIs413WithoutReadingIt()
    {
        HttpTestClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        // Announces 10 MiB, sends a few bytes: the answer comes at once, the rest is never awaited.
        client.send("POST " + m_path + " HTTP/1.1\r\nHost: x\r\nX-Gitlab-Token: gitlab-secret-value\r\n"
                    "X-Gitlab-Event: Push Hook\r\nContent-Length: 10485760\r\n\r\n{\"a\":");
        QElapsedTimer clock;
        clock.start();
        const auto response = client.readResponse(5000);
        QVERIFY(response);
        QCOMPARE(response->status, 413);
        QVERIFY(clock.elapsed() < 1000);
        QCOMPARE(response->header("Connection"), QByteArray("close"));
        QVERIFY(client.waitForClosed(5000));
    }

    void oversizedChunkedBodyIs413()
    {
        HttpTestClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        QByteArray chunk(40000, 'a');
        client.send("POST " + m_path + " HTTP/1.1\r\nHost: x\r\nX-Gitlab-Token: gitlab-secret-value\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n"
                    + QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
        const auto response = client.readResponse(5000);
        QVERIFY(response);
        QCOMPARE(response->status, 413);
    }

    void oversizedHeadersAre431()
    {
        HttpTestClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        client.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + QByteArray(8000, 'p') + "\r\n\r\n");
        const auto response = client.readResponse(5000);
        QVERIFY(response);
        QCOMPARE(response->status, 431);
    }

    void malformedRequestLineIs400()
    {
        HttpTestClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        client.send("THIS IS NOT HTTP\r\n\r\n");
        const auto response = client.readResponse(5000);
        QVERIFY(response);
        QCOMPARE(response->status, 400);
        QVERIFY(client.waitForClosed(5000));
    }

    void slowHeadersAreCut()
    {
        HttpTestClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        QElapsedTimer clock;
        clock.start();
        const QByteArray request = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: 1234567890\r\n\r\n";
        // One byte every 100 ms: the header timeout (1 s here) cuts it long before it completes.
        bool cut = false;
        for (char byte : request) {
            client.send(QByteArray(1, byte));
            if (client.waitForClosed(100)) {
                cut = true;
                break;
            }
        }
        QVERIFY(cut);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(m_agent->log().contains("cut a slow client"));
    }

    void silentConnectionIsClosed()
    {
        HttpTestClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        QVERIFY(client.waitForClosed(4000));
    }

    void idleKeepAliveIsClosed()
    {
        HttpTestClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        client.send(HttpTestClient::request("GET", "/healthz", {}, {}));
        QCOMPARE(client.readResponse()->status, 200);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(client.waitForClosed(5000));
        QVERIFY(clock.elapsed() >= 1500); // the idle timeout is 2 s
    }

    // At the limit a newcomer is served: the connection idle the longest makes room for it.
    void connectionsBeyondTheLimitMakeRoom()
    {
        std::vector<std::unique_ptr<HttpTestClient>> open;
        for (int i = 0; i < 8; ++i) {
            open.push_back(std::make_unique<HttpTestClient>());
            QVERIFY(open.back()->connectTo(m_agent->port()));
            open.back()->send(HttpTestClient::request("GET", "/healthz", {}, {}));
            QCOMPARE(open.back()->readResponse()->status, 200);
            QThread::msleep(20);
        }
        const auto served = HttpTestClient::exchange(m_agent->port(), "GET", "/healthz");
        QVERIFY(served);
        QCOMPARE(served->status, 200);
        QVERIFY(open.front()->waitForClosed(2000)); // the oldest idle one went
        const auto metrics = HttpTestClient::exchange(m_agent->port(), "GET", "/metrics");
        const QRegularExpressionMatch evicted =
                QRegularExpression(QStringLiteral("forgelink_http_evicted_connections_total (\\d+)")).match(QString::fromUtf8(metrics->body));
        QVERIFY2(evicted.hasMatch() && evicted.captured(1).toInt() >= 1, metrics->body.constData());
    }

    void connectionCloseIsHonoured()
    {
        HttpTestClient client;
        QVERIFY(client.connectTo(m_agent->port()));
        client.send(HttpTestClient::request("GET", "/healthz", {}, {}, false));
        const auto response = client.readResponse();
        QCOMPARE(response->status, 200);
        QCOMPARE(response->header("Connection"), QByteArray("close"));
        QVERIFY(client.waitForClosed(3000));
    }
};

QTEST_GUILESS_MAIN(tst_HttpServer)
#include "tst_httpserver.moc"

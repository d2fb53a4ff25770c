#include "http/httpclient.h"

#include "testcertificates.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <functional>
#include <optional>

using namespace forgelink;
using namespace forgelink::test;

namespace {

// A loopback server that reads each request (its header and its Content-Length body) and answers
// what `answer` returns for it, as raw bytes; an empty answer is none at all. After the answer it
// closes the connection when `closeAfter` says so.
class ScriptedServer : public QObject {
public:
    explicit ScriptedServer(std::function<QByteArray(int request)> answer, QTcpServer *server = new QTcpServer)
        : m_server(server), m_answer(std::move(answer))
    {
        m_server->setParent(this);
        m_server->listen(QHostAddress::LocalHost);
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                ++connections;
                sockets << socket;
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            }
        });
    }

    QUrl url(const QString &path = QStringLiteral("/hook")) const
    {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2%3").arg(m_server->inherits("QSslServer") ? u"https" : u"http").arg(m_server->serverPort()).arg(path));
    }

    QList<QByteArray> requests;
    QList<QTcpSocket *> sockets;
    int connections = 0;
    std::function<bool(int request)> closeAfter = [](int) { return false; };

private:
    void read(QTcpSocket *socket)
    {
        QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                break;
            qsizetype length = 0;
            for (const QByteArray &line : buffer.left(end).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer.size() < end + 4 + length)
                break;
            const int index = int(requests.size());
            requests << buffer.left(end + 4 + length);
            buffer.remove(0, end + 4 + length);
            const QByteArray answer = m_answer(index);
            if (!answer.isEmpty())
                socket->write(answer);
            if (closeAfter(index)) {
                socket->disconnectFromHost();
                break;
            }
        }
        socket->setProperty("buffer", buffer);
    }

    QTcpServer *m_server;
    std::function<QByteArray(int)> m_answer;
};

const QByteArray kNoContent = "HTTP/1.1 204 No Content\r\n\r\n";

OutgoingRequest request(const QUrl &url, const QByteArray &body = "{\"a\":1}")
{
    OutgoingRequest request;
    request.url = url;
    request.headers = { { "Content-Type", "application/json" }, { "X-Forgelink-Delivery", "gitlab:1" } };
    request.body = body;
    return request;
}

} // namespace

class tst_HttpClient : public QObject {
    Q_OBJECT

    // Sends one request and waits for its answer.
    static std::optional<IncomingAnswer> exchange(HttpClient &client, const OutgoingRequest &outgoing, int timeoutMs = 5'000)
    {
        std::optional<IncomingAnswer> answer;
        client.send(outgoing, timeoutMs, [&answer](IncomingAnswer received) { answer = std::move(received); });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, timeoutMs + 5'000))
            return std::nullopt;
        return answer;
    }

private Q_SLOTS:
    void requestsGoOverOneKeptConnection()
    {
        ScriptedServer server([](int) { return kNoContent; });
        HttpClient client(1024, 64 * 1024);
        for (int i = 0; i < 3; ++i) {
            const auto answer = exchange(client, request(server.url(QStringLiteral("/api/events?x=1"))));
            QVERIFY(answer);
            QCOMPARE(answer->status, 204);
            QCOMPARE(answer->reason, QByteArray("No Content"));
            QVERIFY2(answer->error.isEmpty(), qPrintable(answer->error));
        }
        QCOMPARE(server.connections, 1);
        QCOMPARE(client.connectionCount(), 1);
        QCOMPARE(server.requests.size(), 3);
        const QByteArray first = server.requests.first();
        QVERIFY2(first.startsWith("POST /api/events?x=1 HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(server.url().port()) + "\r\n"), first.constData());
        QVERIFY(first.contains("\r\nContent-Type: application/json\r\n"));
        QVERIFY(first.contains("\r\nX-Forgelink-Delivery: gitlab:1\r\n"));
        QVERIFY(first.contains("\r\nContent-Length: 7\r\n\r\n{\"a\":1}"));
        QVERIFY(first.contains("\r\nUser-Agent: forgelink-agent\r\n"));
    }

    void parallelRequestsOpenTheirOwnConnections()
    {
        // The server holds every answer until four requests are in: four connections at once.
        ScriptedServer server([](int) { return QByteArray(); });
        HttpClient client(1024, 64 * 1024);
        int answered = 0;
        for (int i = 0; i < 4; ++i)
            client.send(request(server.url()), 5'000, [&answered](const IncomingAnswer &answer) { answered += answer.status == 204; });
        QTRY_COMPARE(server.requests.size(), 4);
        QCOMPARE(server.connections, 4);
        for (QTcpSocket *socket : std::as_const(server.sockets))
            socket->write(kNoContent);
        QTRY_COMPARE(answered, 4);
        QCOMPARE(client.connectionCount(), 4);
    }

    void answersAreReadAsFarAsNeeded()
    {
        const QByteArray chunk(3000, 'c');
        ScriptedServer server([&](int index) -> QByteArray {
            switch (index) {
            case 0: // chunked, with a header worth reading
                return "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 7\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n" + QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n0\r\n\r\n";
            case 1: // an interim answer first
                return "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
            default:
                return kNoContent;
            }
        });
        HttpClient client(1024, 64 * 1024);
        auto answer = exchange(client, request(server.url()));
        QVERIFY(answer);
        QCOMPARE(answer->status, 503);
        QCOMPARE(answer->header("retry-after"), QByteArray("7"));
        QCOMPARE(answer->body, QByteArray(1024, 'c')); // the first KiB only
        answer = exchange(client, request(server.url()));
        QVERIFY(answer);
        QCOMPARE(answer->status, 201);
        QCOMPARE(answer->body, QByteArray("ok"));
        answer = exchange(client, request(server.url()));
        QVERIFY(answer);
        QCOMPARE(answer->status, 204);
        QCOMPARE(server.connections, 1); // a whole chunked answer leaves the connection fit for more
    }

    void anEndlessAnswerIsCutOffAndItsStatusStands()
    {
        // Declares two gigabytes and sends them: the client reads 64 KiB, keeps 1 KiB, and closes.
        QTcpServer listener;
        QVERIFY(listener.listen(QHostAddress::LocalHost));
        qint64 written = 0;
        connect(&listener, &QTcpServer::pendingConnectionAvailable, this, [&] {
            QTcpSocket *socket = listener.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, &written] {
                socket->readAll();
                socket->write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 2000000000\r\n\r\n\x1b[31mred");
                auto *feed = new QTimer(socket);
                connect(feed, &QTimer::timeout, socket, [socket, &written] {
                    if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < 256 * 1024) {
                        socket->write(QByteArray(64 * 1024, 'y'));
                        written += 64 * 1024;
                    }
                });
                feed->start(0);
            });
        });
        HttpClient client(1024, 64 * 1024);
        const auto answer = exchange(client, request(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(listener.serverPort()))));
        QVERIFY(answer);
        QCOMPARE(answer->status, 502);
        QCOMPARE(answer->reason, QByteArray("Bad Gateway"));
        QVERIFY(answer->body.startsWith("\x1b[31mredyyy"));
        QCOMPARE(answer->body.size(), 1024);
        QVERIFY2(answer->error.contains(QStringLiteral("cut off")), qPrintable(answer->error));
        QVERIFY2(written < 16 * 1024 * 1024, qPrintable(QString::number(written)));
    }

    void aBodyEndedByClosingIsWhole()
    {
        ScriptedServer server([](int) { return QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it"); });
        server.closeAfter = [](int) { return true; };
        HttpClient client(1024, 64 * 1024);
        for (int i = 0; i < 2; ++i) {
            const auto answer = exchange(client, request(server.url()));
            QVERIFY(answer);
            QCOMPARE(answer->status, 200);
            QCOMPARE(answer->body, QByteArray("all of it"));
            QVERIFY2(answer->error.isEmpty(), qPrintable(answer->error));
        }
        QCOMPARE(server.connections, 2);
        QCOMPARE(server.requests.size(), 2);
    }

    void aKeptConnectionTheServerClosedIsOpenedAgain()
    {
        // The server answers keep-alive and then closes the idle connection (as servers do after
        // their keep-alive timeout): the next request goes once, on a new connection.
        ScriptedServer server([](int) { return kNoContent; });
        server.closeAfter = [](int) { return true; };
        HttpClient client(1024, 64 * 1024);
        QCOMPARE(exchange(client, request(server.url()))->status, 204);
        QTest::qWait(100); // the close reaches the client, or races with the next request: both must work
        QCOMPARE(exchange(client, request(server.url()))->status, 204);
        QCOMPARE(exchange(client, request(server.url()))->status, 204);
        QCOMPARE(server.requests.size(), 3);
        QCOMPARE(server.connections, 3);
    }

    void aNewConnectionClosedWithoutAnswerFails()
    {
        ScriptedServer server([](int) { return QByteArray(); });
        server.closeAfter = [](int) { return true; };
        HttpClient client(1024, 64 * 1024);
        const auto answer = exchange(client, request(server.url()));
        QVERIFY(answer);
        QCOMPARE(answer->status, 0);
        QCOMPARE(answer->error, QStringLiteral("the connection closed without an answer"));
        QCOMPARE(server.requests.size(), 1); // not sent twice: the connection was new
    }

    void aSilentServerEndsAtTheDeadline()
    {
        ScriptedServer server([](int) { return QByteArray("HTTP/1.1 200 OK\r\n"); }); // and never more
        HttpClient client(1024, 64 * 1024);
        QElapsedTimer timer;
        timer.start();
        const auto answer = exchange(client, request(server.url()), 400);
        QVERIFY(answer);
        QVERIFY(answer->timedOut);
        QCOMPARE(answer->status, 0); // the header never ended
        QVERIFY2(timer.elapsed() >= 400 && timer.elapsed() < 2'000, qPrintable(QString::number(timer.elapsed())));
        // The connection is not reused: the next request opens another.
        exchange(client, request(server.url()), 400);
        QCOMPARE(server.connections, 2);
    }

    void nobodyListeningIsAnError()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        HttpClient client(1024, 64 * 1024);
        const auto answer = exchange(client, request(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port))));
        QVERIFY(answer);
        QCOMPARE(answer->status, 0);
        QVERIFY2(answer->error.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(answer->error));
    }

    void credentialsInTheUrlGoAsBasicAuth()
    {
        ScriptedServer server([](int) { return kNoContent; });
        QUrl url = server.url();
        url.setUserName(QStringLiteral("pipekit"));
        url.setPassword(QStringLiteral("p@ss:word"));
        HttpClient client(1024, 64 * 1024);
        QCOMPARE(exchange(client, request(url))->status, 204);
        QVERIFY2(server.requests.first().contains("\r\nAuthorization: Basic " + QByteArray("pipekit:p@ss:word").toBase64() + "\r\n"),
                 server.requests.first().constData());
        QVERIFY(!server.requests.first().contains("p@ss"));
    }

    void tlsTrustsOnlyWhatTheSystemTrusts()
    {
        const TestCertificates certificates;
        auto *tls = new QSslServer;
        QSslConfiguration serverSide = QSslConfiguration::defaultConfiguration();
        serverSide.setLocalCertificate(QSslCertificate(certificates.serverCertificatePem()));
        serverSide.setPrivateKey(QSslKey(certificates.serverKeyPem(), QSsl::Ec));
        if (serverSide.privateKey().isNull())
            serverSide.setPrivateKey(QSslKey(certificates.serverKeyPem(), QSsl::Rsa));
        QVERIFY(!serverSide.privateKey().isNull());
        tls->setSslConfiguration(serverSide);
        ScriptedServer server([](int) { return kNoContent; }, tls);
        QVERIFY(server.url().toString().startsWith(u"https://"));

        {
            HttpClient client(1024, 64 * 1024);
            const auto answer = exchange(client, request(server.url()));
            QVERIFY(answer);
            QCOMPARE(answer->status, 0);
            QVERIFY2(!answer->error.isEmpty(), "an untrusted certificate must fail the request");
            QVERIFY(server.requests.isEmpty());
        }
        // The CA trusted process-wide (as the system's store would): the same request goes.
        const QSslConfiguration before = QSslConfiguration::defaultConfiguration();
        QSslConfiguration trusting = before;
        trusting.addCaCertificates(QSslCertificate::fromData(certificates.caPem()));
        QSslConfiguration::setDefaultConfiguration(trusting);
        HttpClient client(1024, 64 * 1024);
        const auto answer = exchange(client, request(server.url()));
        QSslConfiguration::setDefaultConfiguration(before);
        QVERIFY(answer);
        QVERIFY2(answer->error.isEmpty(), qPrintable(answer->error));
        QCOMPARE(answer->status, 204);
        QCOMPARE(server.requests.size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_HttpClient)
#include "tst_httpclient.moc"

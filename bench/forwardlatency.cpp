// Forward latency: signed GitHub pushes at a steady rate into a running forgelink-agent whose
// forward target is this program's own loopback sink; for each delivery, the time from the
// provider's request leaving to the target receiving it. Prints p50, p99 and the counts.
//   forwardlatency AGENT_PORT SINK_PORT SECRET [RATE=500] [SECONDS=10]
#include "crypto/crypto.h"
#include "http/httpserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QTcpSocket>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

using namespace forgelink;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        QTextStream(stderr) << "usage: forwardlatency AGENT_PORT SINK_PORT SECRET [RATE] [SECONDS]\n";
        return 2;
    }
    const quint16 agentPort = quint16(args.at(1).toUInt());
    const quint16 sinkPort = quint16(args.at(2).toUInt());
    const QByteArray secret = args.at(3).toUtf8();
    const int rate = args.size() > 4 ? args.at(4).toInt() : 500;
    const int seconds = args.size() > 5 ? args.at(5).toInt() : 10;

    QElapsedTimer clock;
    clock.start();
    QHash<QByteArray, qint64> sentAt;     // "github:<id>" -> ns
    QHash<QByteArray, qint64> receivedAt; // the first arrival
    HttpServer sink(HttpLimits{}, [&](HttpRequest request, HttpServer::Responder respond) {
        for (const auto &[name, value] : request.headers) {
            if (name.compare("X-Forgelink-Delivery", Qt::CaseInsensitive) == 0 && !receivedAt.contains(value))
                receivedAt.insert(value, clock.nsecsElapsed());
        }
        HttpResponse answer;
        answer.status = 204;
        respond(answer);
    });
    if (!sink.listen(QHostAddress::LocalHost, sinkPort)) {
        QTextStream(stderr) << "forwardlatency: cannot listen on " << sinkPort << "\n";
        return 1;
    }

    // 64 repositories, a body each, signed once.
    QList<QPair<QByteArray, QByteArray>> bodies;
    for (int i = 0; i < 64; ++i) {
        const QByteArray body = "{\"ref\":\"refs/heads/main\",\"before\":\"" + QByteArray(40, 'a') + "\",\"after\":\"" + QByteArray(40, 'b')
                + "\",\"created\":false,\"deleted\":false,\"repository\":{\"id\":" + QByteArray::number(1000 + i)
                + ",\"full_name\":\"acme/repo-" + QByteArray::number(i) + "\",\"name\":\"repo-" + QByteArray::number(i) + "\"}}";
        bodies.append({ body, "sha256=" + Crypto::hmacSha256(secret, body).toHex() });
    }
    QList<QTcpSocket *> connections;
    for (int i = 0; i < 8; ++i) {
        auto *socket = new QTcpSocket(&app);
        socket->connectToHost(QHostAddress::LocalHost, agentPort);
        if (!socket->waitForConnected(3000)) {
            QTextStream(stderr) << "forwardlatency: cannot reach the agent on " << agentPort << "\n";
            return 1;
        }
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
        connections << socket;
    }

    int sent = 0;
    const int total = rate * seconds;
    QTimer pace;
    QObject::connect(&pace, &QTimer::timeout, &app, [&] {
        // As many as are due by now: a steady rate, whatever the timer's jitter.
        const int due = std::min<int>(total, int(clock.nsecsElapsed() / 1'000'000'000.0 * rate));
        while (sent < due) {
            const auto &[body, signature] = bodies.at(sent % bodies.size());
            const QByteArray id = "latency-" + QByteArray::number(sent);
            QTcpSocket *socket = connections.at(sent % connections.size());
            socket->write("POST /api/events-handler/v1/events/github HTTP/1.1\r\nHost: agent\r\nContent-Type: application/json\r\n"
                          "X-GitHub-Event: push\r\nX-GitHub-Delivery: " + id + "\r\nX-Hub-Signature-256: " + signature
                          + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            sentAt.insert("github:" + id, clock.nsecsElapsed());
            ++sent;
        }
        if (sent >= total) {
            pace.stop();
            QTimer::singleShot(5000, &app, &QCoreApplication::quit); // time for the last to arrive
        }
    });
    clock.restart();
    pace.start(1);
    app.exec();

    QList<double> latencies;
    for (auto it = sentAt.cbegin(); it != sentAt.cend(); ++it) {
        if (receivedAt.contains(it.key()))
            latencies << double(receivedAt.value(it.key()) - it.value()) / 1e6;
    }
    std::sort(latencies.begin(), latencies.end());
    auto percentile = [&latencies](double p) { return latencies.isEmpty() ? 0.0 : latencies.at(qsizetype(p * double(latencies.size() - 1))); };
    QTextStream(stdout) << "sent " << sent << " at " << rate << "/s, forwarded " << latencies.size() << "; latency p50 "
                        << QString::number(percentile(0.5), 'f', 2) << " ms, p99 " << QString::number(percentile(0.99), 'f', 2)
                        << " ms, max " << QString::number(latencies.isEmpty() ? 0 : latencies.last(), 'f', 2) << " ms\n";
    return latencies.size() == sent ? 0 : 1;
}

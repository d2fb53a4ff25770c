#include "hostileserver.h"

#include <QTcpSocket>
#include <QTimer>

namespace forgelink::test {

HostileServer::HostileServer(QByteArray head, std::function<QByteArray()> more, int everyMs)
{
    listen(QHostAddress::LocalHost);
    connect(this, &QTcpServer::newConnection, this, [this, head, more, everyMs] {
        while (QTcpSocket *socket = nextPendingConnection()) {
            ++connections;
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket, head, more, everyMs] {
                socket->readAll();
                if (socket->property("answered").toBool())
                    return;
                ++requests;
                socket->setProperty("answered", true);
                socket->write(head);
                auto *feed = new QTimer(socket);
                connect(feed, &QTimer::timeout, socket, [socket, more] {
                    if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < 1024 * 1024)
                        socket->write(more());
                });
                feed->start(everyMs);
            });
        }
    });
}

QString HostileServer::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(serverPort());
}

} // namespace forgelink::test

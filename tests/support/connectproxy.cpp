#include "connectproxy.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace forgelink::test {

ConnectProxy::ConnectProxy(QObject *parent) : QObject(parent), m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &ConnectProxy::accept);
}

bool ConnectProxy::start()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 ConnectProxy::port() const
{
    return m_server->serverPort();
}

QString ConnectProxy::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

void ConnectProxy::accept()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        connect(client, &QTcpSocket::readyRead, client, [this, client] { readRequest(client); });
    }
}

void ConnectProxy::readRequest(QTcpSocket *client)
{
    if (client->property("tunnel").toBool())
        return;
    QByteArray request = client->property("request").toByteArray() + client->readAll();
    const qsizetype end = request.indexOf("\r\n\r\n");
    if (end < 0) {
        client->setProperty("request", request);
        return;
    }
    const QList<QByteArray> line = request.left(request.indexOf("\r\n")).split(' ');
    if (line.value(0) != "CONNECT" || line.size() != 3) {
        client->write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        client->disconnectFromHost();
        return;
    }
    const QByteArray authority = line.at(1);
    const qsizetype colon = authority.lastIndexOf(':');
    m_tunnels << QString::fromLatin1(authority);
    client->setProperty("tunnel", true);
    const QByteArray early = request.mid(end + 4); // bytes the client sent before the answer
    auto *target = new QTcpSocket(client);
    QPointer<QTcpSocket> guardedClient(client);
    connect(target, &QTcpSocket::connected, client, [client, target, early] {
        client->setProperty("answered", true);
        client->write("HTTP/1.1 200 Connection established\r\n\r\n");
        if (!early.isEmpty())
            target->write(early);
        connect(client, &QTcpSocket::readyRead, target, [client, target] { target->write(client->readAll()); });
        connect(target, &QTcpSocket::readyRead, client, [client, target] { client->write(target->readAll()); });
        connect(target, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
        connect(client, &QTcpSocket::disconnected, target, [target] { target->disconnectFromHost(); });
    });
    connect(target, &QTcpSocket::errorOccurred, client, [guardedClient](QAbstractSocket::SocketError) {
        if (guardedClient && !guardedClient->property("answered").toBool()) {
            guardedClient->write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            guardedClient->disconnectFromHost();
        }
    });
    target->connectToHost(QString::fromLatin1(authority.left(colon)), quint16(authority.mid(colon + 1).toUInt()));
}

} // namespace forgelink::test

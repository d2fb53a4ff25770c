#pragma once

#include <QObject>
#include <QStringList>

class QTcpServer;
class QTcpSocket;

namespace forgelink::test {

// A loopback HTTP proxy that tunnels with CONNECT (RFC 9110 section 9.3.6), as company proxies do
// for HTTPS: it reads the CONNECT request, opens the connection to the target, answers 200 and
// then copies bytes both ways. Anything but CONNECT gets 405.
class ConnectProxy : public QObject {
    Q_OBJECT

public:
    explicit ConnectProxy(QObject *parent = nullptr);

    bool start();
    quint16 port() const;
    QString url() const;
    // The host:port of every tunnel opened so far.
    QStringList tunnels() const { return m_tunnels; }

private:
    void accept();
    void readRequest(QTcpSocket *client);

    QTcpServer *m_server;
    QStringList m_tunnels;
};

} // namespace forgelink::test

#pragma once

#include "core/result.h"
#include "http/httplimits.h"
#include "http/httpmessage.h"
#include "log/logthrottle.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <optional>

class QTcpServer;

class QSslSocket;

namespace forgelink {

class HttpConnection;

// The agent's HTTP/1.1 server: QTcpServer (QSslServer with a certificate) for the sockets,
// Boost.Beast's request parser for the protocol. It enforces the limits (header and body size,
// time to send the headers, a deadline for the whole request, idle keep-alive, concurrent
// connections, memory for bodies not yet handled), supports keep-alive, pipelining (answers in
// order, and no more reading while a client leaves its answers unread) and `Expect:
// 100-continue`, and hands complete requests to one handler. A head filter may refuse a request
// from its headers alone, before its body is read. At the connection limit the connection that
// has made no progress the longest is closed to make room. The handler may answer later (after a
// database commit) through the responder. Everything about the implementation stays in
// httpserver.cpp, so it can be swapped in one file.
class HttpServer : public QObject {
    Q_OBJECT

public:
    // Call exactly once, on the server's thread. Safe to call after the client went away.
    using Responder = std::function<void(HttpResponse)>;
    using Handler = std::function<void(HttpRequest, Responder)>;
    // Judges a request by its head (method, path, headers; no body yet): an answer refuses it and
    // the connection closes without reading the body.
    using HeadFilter = std::function<std::optional<HttpResponse>(const HttpRequest &head)>;

    HttpServer(const HttpLimits &limits, Handler handler, QObject *parent = nullptr);
    ~HttpServer() override;

    Result<void> listen(const QHostAddress &address, quint16 port, const QString &certificateFile = {},
                        const QString &privateKeyFile = {});
    quint16 serverPort() const;
    int openConnections() const { return m_connections; }
    void setHeadFilter(HeadFilter filter) { m_headFilter = std::move(filter); }
    qint64 pendingBodyBytes() const { return m_pendingBodyBytes; }

    // Stops taking connections. What was received is answered (with Connection: close); an idle
    // connection stays open a moment longer for a request already on its way, then closes.
    void stopAccepting();

Q_SIGNALS:
    void requestFinished(const QByteArray &method, int status, double seconds);
    void connectionRefused(const QString &reason);
    // At the connection limit, a connection that made no progress the longest was closed.
    void connectionEvicted();
    // After stopAccepting(), once no connection is left.
    void drained();

private:
    friend class HttpConnection;
    void acceptPending();
    // A TLS client was accepted and its handshake begins: it counts against maxConnections.
    void handshakeStarted(QSslSocket *socket);
    // At the limit: closes the connection that made no progress the longest, or the oldest
    // handshake; true when room was made.
    bool makeRoom();
    int handshakesUnderWay();
    void connectionClosed(HttpConnection *connection);
    bool reserveBody(qint64 bytes);
    void releaseBody(qint64 bytes);

    HttpLimits m_limits;
    Handler m_handler;
    HeadFilter m_headFilter;
    qint64 m_pendingBodyBytes = 0;
    QTcpServer *m_listener = nullptr;
    QSet<HttpConnection *> m_open;
    int m_connections = 0;
    QList<QPointer<QSslSocket>> m_handshakes; // TLS handshakes under way, oldest first
    bool m_stopping = false;
    LogThrottle m_refusalLog;
};

} // namespace forgelink

#pragma once

#include "agentconfig.h"
#include "httpmessage.h"
#include "result.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class QTcpServer;

namespace forgelink {

class HttpConnection;

// The agent's HTTP/1.1 server: QTcpServer (QSslServer with a certificate) for the sockets,
// Boost.Beast's request parser for the protocol. It enforces the limits (header and body size,
// time to send the headers, idle keep-alive, concurrent connections), supports keep-alive,
// pipelining (answers in order) and `Expect: 100-continue`, and hands complete requests to one
// handler. The handler may answer later (after a database commit) through the responder.
// Everything about the implementation stays in httpserver.cpp, so it can be swapped in one file.
class HttpServer : public QObject {
    Q_OBJECT

public:
    // Call exactly once, on the server's thread. Safe to call after the client went away.
    using Responder = std::function<void(HttpResponse)>;
    using Handler = std::function<void(HttpRequest, Responder)>;

    HttpServer(const HttpLimits &limits, Handler handler, QObject *parent = nullptr);
    ~HttpServer() override;

    Result<void> listen(const QHostAddress &address, quint16 port, const QString &certificateFile = {},
                        const QString &privateKeyFile = {});
    quint16 serverPort() const;
    int openConnections() const { return m_connections; }

    // Stops taking connections; idle ones close now, busy ones after their last answer.
    void stopAccepting();

Q_SIGNALS:
    void requestFinished(const QByteArray &method, int status, double seconds);
    void connectionRefused(const QString &reason);
    // After stopAccepting(), once no connection is left.
    void drained();

private:
    friend class HttpConnection;
    void acceptPending();
    void connectionClosed(HttpConnection *connection);

    HttpLimits m_limits;
    Handler m_handler;
    QTcpServer *m_listener = nullptr;
    QSet<HttpConnection *> m_open;
    int m_connections = 0;
    bool m_stopping = false;
};

} // namespace forgelink

#include "httpserver.h"

#include "httprequestparser.h"

#include <QFile>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <map>
#include <optional>
#include <sys/socket.h>

Q_LOGGING_CATEGORY(lcHttp, "forgelink.http", QtInfoMsg)

namespace forgelink {

namespace {

// Pipelined requests a connection may have waiting for their answers before it stops reading.
constexpr int kMaxInFlightPerConnection = 16;
// After refusing a request (413, 400), how long and how much the connection is drained, so the
// client reads the answer instead of a reset. Nothing drained is parsed.
constexpr int kLingerMs = 2000;
constexpr qint64 kLingerBytes = 256 * 1024;
constexpr qint64 kSocketReadBuffer = 256 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

QByteArray serialize(const HttpResponse &response, bool keepAlive)
{
    QByteArray out;
    out.reserve(160 + response.body.size());
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (!response.body.isEmpty() || response.status >= 200)
        out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    out += response.body;
    return out;
}

} // namespace

// One client connection: feeds the socket's bytes to Beast's parser, dispatches each complete
// request, and writes the answers back in request order.
class HttpConnection : public QObject {
public:
    HttpConnection(HttpServer *server, QTcpSocket *socket)
        : QObject(server), m_server(server), m_socket(socket), m_limits(server->m_limits)
    {
        m_socket->setParent(this);
        m_socket->setReadBufferSize(kSocketReadBuffer);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] { onTimeout(); });
        connect(m_socket, &QTcpSocket::readyRead, this, [this] { process(); });
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] { onBytesWritten(); });
        connect(m_socket, &QTcpSocket::disconnected, this, [this] { finish(); });
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
            if (error != QAbstractSocket::RemoteHostClosedError)
                qCDebug(lcHttp) << "connection error:" << m_socket->errorString();
            finish();
        });
        m_timer.start(m_limits.headerTimeoutMs); // a connection that sends nothing is cut early
    }

    void stop()
    {
        m_stopping = true;
        if (m_inFlight == 0 && m_buffer.isEmpty() && !m_requestStarted)
            closeNow();
    }

private:
    enum class TimerState { Headers, Body, Idle, None };

    void process()
    {
        if (m_closing || m_finished)
            return;
        // An answer given synchronously from dispatch() calls back into process(); the outer
        // call picks up whatever is left instead.
        if (m_processing) {
            m_processAgain = true;
            return;
        }
        m_processing = true;
        do {
            m_processAgain = false;
            parseAvailable();
        } while (m_processAgain && !m_closing && !m_finished);
        m_processing = false;
    }

    void parseAvailable()
    {
        if (m_lingering) {
            m_lingerDrained += m_socket->skip(m_socket->bytesAvailable());
            if (m_lingerDrained > kLingerBytes)
                closeNow();
            return;
        }
        m_buffer += m_socket->readAll();
        while (!m_buffer.isEmpty() && m_inFlight < kMaxInFlightPerConnection && !m_closeAfterSequence && !m_closing) {
            if (!m_requestStarted) {
                m_requestStarted = true;
                m_sentContinue = false;
                m_requestTimer.start();
                m_timer.start(m_limits.headerTimeoutMs);
                m_timerState = TimerState::Headers;
            }
            const HttpRequestParser::State state = m_parser.feed(m_buffer);
            if (state == HttpRequestParser::State::Failed) {
                refuse(m_parser.errorStatus(), m_parser.errorReason());
                return;
            }
            if (state == HttpRequestParser::State::Complete) {
                m_requestStarted = false;
                dispatch(m_parser.takeRequest(), m_parser.keepAlive());
                continue;
            }
            if (state == HttpRequestParser::State::ReadingBody) {
                // Receiving the body: answer Expect: 100-continue, and cut the client if it stalls.
                sendContinueIfExpected();
                m_timerState = TimerState::Body;
                m_timer.start(m_limits.idleTimeoutMs);
            }
            break;
        }
        if (m_buffer.isEmpty() && !m_requestStarted)
            armIdleTimer();
    }

    void sendContinueIfExpected()
    {
        // Only when no earlier answer is still owed, so the interim answer cannot jump the queue.
        if (m_sentContinue || m_nextToSend != m_nextSequence || !m_parser.expectsContinue())
            return;
        send(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
        m_sentContinue = true;
    }

    void refuse(int status, const QByteArray &reason)
    {
        qCInfo(lcHttp).noquote() << "refused" << status << "from" << m_socket->peerAddress().toString() << reason;
        m_buffer.clear();
        queueClosingResponse(HttpResponse::text(status, reason));
    }

    void onTimeout()
    {
        switch (m_timerState) {
        case TimerState::Headers:
        case TimerState::Body:
            qCInfo(lcHttp).noquote() << "cut a slow client" << m_socket->peerAddress().toString()
                                     << (m_timerState == TimerState::Headers ? "(headers not complete in time)"
                                                                             : "(body stalled)");
            if (m_requestStarted)
                queueClosingResponse(HttpResponse::text(408, "request not received in time"));
            else
                closeNow();
            break;
        case TimerState::Idle:
            closeNow();
            break;
        case TimerState::None:
            break;
        }
    }

    void armIdleTimer()
    {
        if (m_inFlight > 0 || m_closing) {
            m_timer.stop();
            m_timerState = TimerState::None;
            return;
        }
        if (m_stopping) {
            closeNow();
            return;
        }
        m_timerState = TimerState::Idle;
        m_timer.start(m_limits.idleTimeoutMs);
    }

    void dispatch(HttpRequest request, bool clientKeepsAlive)
    {
        m_timer.stop();
        m_timerState = TimerState::None;
        request.peer = m_socket->peerAddress();

        const quint64 sequence = m_nextSequence++;
        const bool keepAlive = clientKeepsAlive && !m_stopping;
        if (!keepAlive)
            m_closeAfterSequence = sequence + 1;
        ++m_inFlight;
        QPointer<HttpConnection> self(this);
        QPointer<HttpServer> server(m_server);
        const QByteArray method = request.method;
        QElapsedTimer clock = m_requestTimer;
        auto answered = std::make_shared<bool>(false);
        m_server->m_handler(std::move(request),
                            [self, server, sequence, keepAlive, method, clock, answered](HttpResponse response) {
                                if (*answered)
                                    return;
                                *answered = true;
                                if (server)
                                    Q_EMIT server->requestFinished(method, response.status,
                                                                   double(clock.nsecsElapsed()) / 1e9);
                                if (self)
                                    self->complete(sequence, response, keepAlive);
                            });
    }

    void complete(quint64 sequence, const HttpResponse &response, bool keepAlive)
    {
        --m_inFlight;
        const bool closeAfter = !keepAlive || m_stopping;
        m_ready.emplace(sequence, std::make_pair(serialize(response, !closeAfter), closeAfter));
        flush();
        if (!m_closing && !m_finished)
            process(); // pipelined requests that waited for room
    }

    void queueClosingResponse(const HttpResponse &response)
    {
        const quint64 sequence = m_nextSequence++;
        m_closeAfterSequence = sequence + 1;
        m_requestStarted = false;
        m_timer.stop();
        m_timerState = TimerState::None;
        m_ready.emplace(sequence, std::make_pair(serialize(response, false), true));
        flush();
    }

    // Plain TCP: the answer goes to the kernel here when nothing is queued before it. Qt's own
    // write switches the socket's write notifier on and off for every answer, and with the glib
    // event loop each switch wakes the loop and rebuilds its poll set. What the kernel does not
    // take now (a full send buffer, an error) goes through Qt as before.
    void send(const QByteArray &data)
    {
        qsizetype sent = 0;
        if (m_plainTcp && m_socket->bytesToWrite() == 0) {
            const ssize_t written = ::send(int(m_socket->socketDescriptor()), data.constData(), size_t(data.size()),
                                           MSG_NOSIGNAL | MSG_DONTWAIT);
            if (written > 0)
                sent = written;
        }
        if (sent < data.size()) {
            m_socket->write(data.constData() + sent, data.size() - sent);
            m_socket->flush();
        }
    }

    void flush()
    {
        while (!m_ready.empty() && m_ready.begin()->first == m_nextToSend) {
            auto [data, closeAfter] = m_ready.begin()->second;
            m_ready.erase(m_ready.begin());
            send(data);
            ++m_nextToSend;
            if (closeAfter) {
                startLingeringClose();
                return;
            }
        }
        if (m_inFlight == 0 && m_buffer.isEmpty() && !m_requestStarted)
            armIdleTimer();
    }

    // Half-closes after the last answer and drains briefly, so the client sees the answer rather
    // than a connection reset for the bytes it was still sending.
    void startLingeringClose()
    {
        m_closing = true;
        m_lingering = true;
        m_buffer.clear();
        m_timer.stop();
        m_timerState = TimerState::None;
        QTimer::singleShot(kLingerMs, this, [this] { closeNow(); });
        if (m_socket->bytesToWrite() == 0)
            shutdownWrite();
    }

    void onBytesWritten()
    {
        if (m_lingering && m_socket->bytesToWrite() == 0)
            shutdownWrite();
    }

    void shutdownWrite()
    {
        if (m_shutDown)
            return;
        m_shutDown = true;
        m_socket->flush();
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        // drain whatever is already here; readyRead drains the rest
        m_lingerDrained += m_socket->skip(m_socket->bytesAvailable());
    }

    void closeNow()
    {
        if (m_finished)
            return;
        m_closing = true;
        m_socket->abort();
        finish();
    }

    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        m_timer.stop();
        m_server->connectionClosed(this);
        deleteLater();
    }

    HttpServer *m_server;
    QTcpSocket *m_socket;
    bool m_plainTcp = qobject_cast<QSslSocket *>(m_socket) == nullptr;
    HttpLimits m_limits;
    QTimer m_timer;
    TimerState m_timerState = TimerState::Headers;
    QElapsedTimer m_requestTimer;
    QByteArray m_buffer;
    HttpRequestParser m_parser{ m_limits };
    std::map<quint64, std::pair<QByteArray, bool>> m_ready; // answers waiting for earlier ones
    quint64 m_nextSequence = 0;
    quint64 m_nextToSend = 0;
    std::optional<quint64> m_closeAfterSequence;
    int m_inFlight = 0;
    qint64 m_lingerDrained = 0;
    bool m_requestStarted = false;
    bool m_processing = false;
    bool m_processAgain = false;
    bool m_sentContinue = false;
    bool m_stopping = false;
    bool m_closing = false;
    bool m_lingering = false;
    bool m_shutDown = false;
    bool m_finished = false;
};

HttpServer::HttpServer(const HttpLimits &limits, Handler handler, QObject *parent)
    : QObject(parent), m_limits(limits), m_handler(std::move(handler))
{
}

HttpServer::~HttpServer() = default;

Result<void> HttpServer::listen(const QHostAddress &address, quint16 port, const QString &certificateFile,
                                const QString &privateKeyFile)
{
    if (!certificateFile.isEmpty()) {
        QFile certificate(certificateFile);
        QFile key(privateKeyFile);
        if (!certificate.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("tls.certificate: cannot read %1: %2").arg(certificateFile, certificate.errorString()));
        if (!key.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("tls.privateKey: cannot read %1: %2").arg(privateKeyFile, key.errorString()));
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certificate.readAll(), QSsl::Pem);
        const QByteArray keyPem = key.readAll();
        QSslKey sslKey(keyPem, QSsl::Rsa, QSsl::Pem);
        if (sslKey.isNull())
            sslKey = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
        if (chain.isEmpty())
            return fail(QStringLiteral("tls.certificate: %1 holds no PEM certificate").arg(certificateFile));
        if (sslKey.isNull())
            return fail(QStringLiteral("tls.privateKey: %1 is not an unencrypted RSA or EC key").arg(privateKeyFile));
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificateChain(chain);
        configuration.setPrivateKey(sslKey);
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        auto *server = new QSslServer(this);
        server->setSslConfiguration(configuration);
        m_listener = server;
    } else {
        m_listener = new QTcpServer(this);
    }
    // Connections beyond the limit are answered 503 here rather than left in the kernel's queue.
    m_listener->setMaxPendingConnections(m_limits.maxConnections + 64);
    connect(m_listener, &QTcpServer::pendingConnectionAvailable, this, &HttpServer::acceptPending);
    if (!m_listener->listen(address, port))
        return fail(QStringLiteral("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(m_listener->errorString()));
    return {};
}

quint16 HttpServer::serverPort() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void HttpServer::acceptPending()
{
    while (QTcpSocket *socket = m_listener->nextPendingConnection()) {
        if (m_stopping || m_connections >= m_limits.maxConnections) {
            Q_EMIT connectionRefused(m_stopping ? QStringLiteral("shutting down")
                                                : QStringLiteral("%1 connections open").arg(m_connections));
            socket->write(serialize(HttpResponse::text(503, "too many connections"), false));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(1000, socket, &QObject::deleteLater);
            continue;
        }
        ++m_connections;
        m_open.insert(new HttpConnection(this, socket));
    }
}

void HttpServer::connectionClosed(HttpConnection *connection)
{
    m_open.remove(connection);
    --m_connections;
    if (m_stopping && m_connections == 0)
        Q_EMIT drained();
}

void HttpServer::stopAccepting()
{
    m_stopping = true;
    if (m_listener)
        m_listener->close();
    const QSet<HttpConnection *> connections = m_open;
    for (HttpConnection *connection : connections)
        connection->stop();
    if (m_connections == 0)
        QTimer::singleShot(0, this, [this] { Q_EMIT drained(); });
}

} // namespace forgelink

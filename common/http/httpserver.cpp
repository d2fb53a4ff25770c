#include "http/httpserver.h"

#include "http/httprequestparser.h"

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
// Answers a client has not read yet, beyond which the connection stops reading its requests.
constexpr qint64 kMaxUnsentBytes = 1024 * 1024;
// Bodies up to this size are always taken; larger ones need room in the pending-body budget.
constexpr qint64 kSmallBody = 64 * 1024;
// After refusing a request (413, 400), how long and how much the connection is drained, so the
// client reads the answer instead of a reset. Nothing drained is parsed.
constexpr int kLingerMs = 2000;
constexpr qint64 kLingerBytes = 256 * 1024;
constexpr qint64 kSocketReadBuffer = 256 * 1024;
// At a stop, how long an idle connection stays open for a request already on its way.
constexpr int kStopGraceMs = 1000;

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
    case 410: return "Gone";
    case 429: return "Too Many Requests";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 508: return "Loop Detected";
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

HttpResponse busy(const QByteArray &reason)
{
    HttpResponse response = HttpResponse::text(503, reason);
    response.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("5")));
    return response;
}

} // namespace

// One client connection: feeds the socket's bytes to Beast's parser, lets the head filter judge
// each request before its body, dispatches complete requests, and writes the answers back in
// request order.
class HttpConnection : public QObject {
public:
    HttpConnection(HttpServer *server, QTcpSocket *socket)
        : QObject(server), m_server(server), m_socket(socket), m_limits(server->m_limits),
          m_readAhead(std::max<qint64>(64 * 1024, m_limits.maxHeaderBytes + 4096))
    {
        m_socket->setParent(this);
        m_socket->setReadBufferSize(kSocketReadBuffer);
        m_timer.setSingleShot(true);
        m_deadline.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] { onTimeout(); });
        connect(&m_deadline, &QTimer::timeout, this, [this] { onDeadline(); });
        connect(m_socket, &QTcpSocket::readyRead, this, [this] { process(); });
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] { onBytesWritten(); });
        connect(m_socket, &QTcpSocket::disconnected, this, [this] { finish(); });
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
            if (error != QAbstractSocket::RemoteHostClosedError)
                qCDebug(lcHttp) << "connection error:" << m_socket->errorString();
            finish();
        });
        m_sinceProgress.start();
        m_timer.start(m_limits.headerTimeoutMs); // a connection that sends nothing is cut early
    }

    void stop()
    {
        m_stopping = true;
        process(); // what is already here is read, and answered
        if (isIdle())
            armIdleTimer();
        else if (m_requestStarted && !m_closing)
            // A request still arriving gets a moment to finish, then a 503 to retry elsewhere.
            m_deadline.start(std::min(m_deadline.isActive() ? m_deadline.remainingTime() : kStopGraceMs * 2, kStopGraceMs * 2));
    }

    // Nothing owed to this client: no request being handled, no answer waiting to be sent.
    bool evictable() const { return m_inFlight == 0 && m_ready.empty() && !m_closing && !m_finished; }
    // Since the connection opened or last completed a request.
    qint64 msWithoutProgress() const { return m_sinceProgress.elapsed(); }
    void evict()
    {
        qCDebug(lcHttp).noquote() << "closed" << m_socket->peerAddress().toString() << "to make room (no progress for"
                                  << msWithoutProgress() << "ms)";
        closeNow();
    }

private:
    enum class TimerState { Headers, Body, Idle, None };

    bool isIdle() const { return m_inFlight == 0 && m_buffer.isEmpty() && !m_requestStarted && !m_closing; }

    void process()
    {
        if (m_closing && !m_lingering)
            return;
        if (m_finished)
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

    // Reads while the client is owed no more than it reads back: with too many answers pending or
    // unread, the bytes stay in the socket and TCP holds the client back.
    bool mayRead() const
    {
        return m_inFlight < kMaxInFlightPerConnection && m_socket->bytesToWrite() <= kMaxUnsentBytes && !m_closeAfterSequence
                && !m_closing;
    }

    void startRequest()
    {
        m_requestStarted = true;
        m_sentContinue = false;
        m_requestTimer.start();
        m_timer.start(m_limits.headerTimeoutMs);
        m_timerState = TimerState::Headers;
        m_deadline.start(m_limits.requestTimeoutMs);
    }

    void parseAvailable()
    {
        if (m_lingering) {
            m_lingerDrained += m_socket->skip(m_socket->bytesAvailable());
            if (m_lingerDrained > kLingerBytes)
                closeNow();
            return;
        }
        while (mayRead() && !m_finished) {
            const qint64 room = std::min(m_readAhead - m_buffer.size(), m_socket->bytesAvailable());
            if (room > 0)
                m_buffer += m_socket->read(room);
            // After an admitted header the parser is fed once more even with nothing buffered: a
            // request without a body is complete right then.
            if (m_buffer.isEmpty() && !m_headerAdmitted)
                break;
            if (!m_requestStarted)
                startRequest();
            m_headerAdmitted = false;
            const qsizetype before = m_buffer.size();
            const HttpRequestParser::State state = m_parser.feed(m_buffer);
            if (state == HttpRequestParser::State::Failed) {
                refuse(m_parser.errorStatus(), m_parser.errorReason());
                return;
            }
            if (state == HttpRequestParser::State::HeaderReady) {
                if (!admit())
                    return;
                m_headerAdmitted = true;
                continue;
            }
            if (state == HttpRequestParser::State::Complete) {
                dispatch(m_parser.takeRequest(), m_parser.keepAlive());
                continue;
            }
            if (state == HttpRequestParser::State::ReadingBody) {
                // Receiving the body: answer Expect: 100-continue, and cut the client if it stalls.
                sendContinueIfExpected();
                if (!reserveGrowingBody())
                    return;
                m_timerState = TimerState::Body;
                m_timer.start(m_limits.idleTimeoutMs);
            }
            if (!m_parser.started() && m_buffer.isEmpty())
                m_requestStarted = false; // only empty lines so far
            if (m_buffer.size() == before && m_socket->bytesAvailable() == 0)
                break; // wait for more bytes
            if (m_buffer.size() >= m_readAhead)
                break; // cannot happen: the parser refuses headers longer than the limit first
        }
        if (m_buffer.isEmpty() && !m_requestStarted)
            armIdleTimer();
    }

    // The head filter first (an unauthenticated request is refused before anything else), then room
    // for a large body.
    bool admit()
    {
        HttpRequest head = m_parser.head(); // shares the parser's header data
        head.peer = m_socket->peerAddress();
        if (m_server->m_headFilter) {
            if (std::optional<HttpResponse> refusal = m_server->m_headFilter(head)) {
                Q_EMIT m_server->requestFinished(head.method, refusal->status, double(m_requestTimer.nsecsElapsed()) / 1e9);
                refuseWith(*refusal, {});
                return false;
            }
        }
        const std::optional<qint64> length = m_parser.declaredBodyLength();
        if (length && *length > kSmallBody) {
            if (!m_server->reserveBody(*length)) {
                refuse(503, "too many request bodies are being received; retry shortly");
                return false;
            }
            m_reservedBody = *length;
        }
        return true;
    }

    // A chunked body declares no length: its room is taken as it grows.
    bool reserveGrowingBody()
    {
        if (m_parser.declaredBodyLength())
            return true;
        const qint64 received = m_parser.bodyBytesReceived();
        if (received <= kSmallBody || received <= m_reservedBody)
            return true;
        if (!m_server->reserveBody(received - m_reservedBody)) {
            refuse(503, "too many request bodies are being received; retry shortly");
            return false;
        }
        m_reservedBody = received;
        return true;
    }

    void releaseBody()
    {
        m_server->releaseBody(m_reservedBody);
        m_reservedBody = 0;
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
        refuseWith(status == 503 ? busy(reason) : HttpResponse::text(status, reason), reason);
    }

    void refuseWith(const HttpResponse &response, const QByteArray &reason)
    {
        if (!reason.isEmpty()) {
            // Refused by the parser or the limits: counted like every answer, logged now and then.
            const QByteArray method = m_parser.head().method;
            Q_EMIT m_server->requestFinished(method.isEmpty() ? QByteArray("-") : method, response.status,
                                             double(m_requestTimer.nsecsElapsed()) / 1e9);
            if (const auto heldBack = m_server->m_refusalLog.admit())
                qCInfo(lcHttp).noquote() << "refused" << response.status << "from" << m_socket->peerAddress().toString() << reason
                                         << (*heldBack ? QStringLiteral("(and %1 more since the last such line)").arg(*heldBack) : QString());
        }
        releaseBody();
        m_buffer.clear();
        queueClosingResponse(response);
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
                refuseWith(HttpResponse::text(408, "request not received in time"), {});
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

    // However steadily a client sends, the whole request must arrive within the deadline.
    void onDeadline()
    {
        if (!m_requestStarted || m_closing)
            return;
        if (m_stopping) {
            refuseWith(busy("the agent is stopping; retry"), {});
            return;
        }
        qCInfo(lcHttp).noquote() << "cut a slow client" << m_socket->peerAddress().toString() << "(request not complete within"
                                 << m_limits.requestTimeoutMs / 1000 << "s)";
        refuseWith(HttpResponse::text(408, "request not received in time"), {});
    }

    void armIdleTimer()
    {
        if (m_inFlight > 0 || m_closing) {
            m_timer.stop();
            m_timerState = TimerState::None;
            return;
        }
        m_timerState = TimerState::Idle;
        m_timer.start(m_stopping ? kStopGraceMs : m_limits.idleTimeoutMs);
    }

    void dispatch(HttpRequest request, bool clientKeepsAlive)
    {
        m_timer.stop();
        m_deadline.stop();
        m_timerState = TimerState::None;
        m_requestStarted = false;
        m_sinceProgress.restart();
        releaseBody(); // the handler judges it now
        request.peer = m_socket->peerAddress();

        const quint64 sequence = m_nextSequence++;
        // While stopping, requests already received are still all answered; the connection
        // closes after the last of them (complete(), flush()).
        const bool keepAlive = clientKeepsAlive;
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
        const bool closeAfter = !keepAlive || (m_stopping && sequence + 1 == m_nextSequence && nothingMoreReceived());
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
        m_deadline.stop();
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
        if (m_stopping && m_ready.empty() && nothingMoreReceived()) {
            startLingeringClose();
            return;
        }
        if (m_inFlight == 0 && m_buffer.isEmpty() && !m_requestStarted)
            armIdleTimer();
    }

    bool nothingMoreReceived() const
    {
        return m_inFlight == 0 && m_buffer.isEmpty() && !m_requestStarted && m_socket->bytesAvailable() == 0;
    }

    // Half-closes after the last answer and drains briefly, so the client sees the answer rather
    // than a connection reset for the bytes it was still sending.
    void startLingeringClose()
    {
        m_closing = true;
        m_lingering = true;
        m_buffer.clear();
        m_timer.stop();
        m_deadline.stop();
        m_timerState = TimerState::None;
        QTimer::singleShot(kLingerMs, this, [this] { closeNow(); });
        if (m_socket->bytesToWrite() == 0)
            shutdownWrite();
    }

    void onBytesWritten()
    {
        if (m_lingering) {
            if (m_socket->bytesToWrite() == 0)
                shutdownWrite();
            return;
        }
        // The client reads its answers again: read its requests again.
        if (m_socket->bytesToWrite() <= kMaxUnsentBytes / 2 && (m_socket->bytesAvailable() > 0 || !m_buffer.isEmpty()))
            process();
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
        m_deadline.stop();
        releaseBody();
        m_server->connectionClosed(this);
        deleteLater();
    }

    HttpServer *m_server;
    QTcpSocket *m_socket;
    bool m_plainTcp = qobject_cast<QSslSocket *>(m_socket) == nullptr;
    HttpLimits m_limits;
    const qint64 m_readAhead; // the most request bytes held here beyond what the parser took
    QTimer m_timer;           // headers in time, body not stalled, keep-alive idle
    QTimer m_deadline;        // the whole request
    TimerState m_timerState = TimerState::Headers;
    QElapsedTimer m_requestTimer;
    QElapsedTimer m_sinceProgress;
    QByteArray m_buffer;
    HttpRequestParser m_parser{ m_limits };
    std::map<quint64, std::pair<QByteArray, bool>> m_ready; // answers waiting for earlier ones
    quint64 m_nextSequence = 0;
    quint64 m_nextToSend = 0;
    std::optional<quint64> m_closeAfterSequence;
    int m_inFlight = 0;
    qint64 m_reservedBody = 0;
    qint64 m_lingerDrained = 0;
    bool m_requestStarted = false;
    bool m_headerAdmitted = false;
    bool m_processing = false;
    bool m_processAgain = false;
    bool m_sentContinue = false;
    bool m_stopping = false;
    bool m_closing = false;
    bool m_lingering = false;
    bool m_shutDown = false;
    bool m_finished = false;
};

// QSslServer keeps a TLS client to itself until its handshake is done (it waits for the
// ClientHello first): this one tells the server of each such connection as it is accepted, so
// they count against maxConnections.
class CountingSslServer : public QSslServer {
public:
    CountingSslServer(QObject *parent, std::function<void(QSslSocket *)> accepted) : QSslServer(parent), m_accepted(std::move(accepted)) { }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        QSslServer::incomingConnection(descriptor);
        // Qt makes the socket a child of the server: the newest child is this connection's.
        const QList<QSslSocket *> sockets = findChildren<QSslSocket *>(Qt::FindDirectChildrenOnly);
        if (!sockets.isEmpty())
            m_accepted(sockets.last());
    }

private:
    std::function<void(QSslSocket *)> m_accepted;
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
        auto *server = new CountingSslServer(this, [this](QSslSocket *socket) { handshakeStarted(socket); });
        server->setSslConfiguration(configuration);
        // A handshake that never completes is a slow client like any other.
        server->setHandshakeTimeout(m_limits.headerTimeoutMs);
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

int HttpServer::handshakesUnderWay()
{
    m_handshakes.removeIf([](const QPointer<QSslSocket> &socket) { return socket.isNull(); });
    return int(m_handshakes.size());
}

void HttpServer::handshakeStarted(QSslSocket *socket)
{
    if (m_handshakes.contains(socket))
        return;
    if (!m_stopping && m_connections + handshakesUnderWay() >= m_limits.maxConnections && !makeRoom()) {
        Q_EMIT connectionRefused(QStringLiteral("%1 connections open, each handling a request").arg(m_connections));
        socket->abort();
        return;
    }
    m_handshakes.append(socket);
}

bool HttpServer::makeRoom()
{
    // The connection that has made no progress the longest (slow or idle clients), never one
    // whose request is being handled; else the oldest handshake still under way.
    HttpConnection *victim = nullptr;
    for (HttpConnection *connection : std::as_const(m_open)) {
        if (connection->evictable() && (!victim || connection->msWithoutProgress() > victim->msWithoutProgress()))
            victim = connection;
    }
    if (victim) {
        victim->evict();
        Q_EMIT connectionEvicted();
        return true;
    }
    if (handshakesUnderWay() > 0) {
        QPointer<QSslSocket> oldest = m_handshakes.takeFirst();
        oldest->abort();
        Q_EMIT connectionEvicted();
        return true;
    }
    return false;
}

void HttpServer::acceptPending()
{
    while (QTcpSocket *socket = m_listener->nextPendingConnection()) {
        // A TLS connection's handshake is done: it counts as an open connection from here on.
        m_handshakes.removeIf([socket](const QPointer<QSslSocket> &handshake) { return handshake.isNull() || handshake == socket; });
        if (!m_stopping && m_connections + int(m_handshakes.size()) >= m_limits.maxConnections)
            makeRoom();
        if (m_stopping || m_connections + int(m_handshakes.size()) >= m_limits.maxConnections) {
            Q_EMIT connectionRefused(m_stopping ? QStringLiteral("shutting down")
                                                : QStringLiteral("%1 connections open, each handling a request").arg(m_connections));
            socket->write(serialize(busy(m_stopping ? "shutting down" : "too many connections"), false));
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

bool HttpServer::reserveBody(qint64 bytes)
{
    if (m_pendingBodyBytes + bytes > m_limits.maxPendingBodyBytes)
        return false;
    m_pendingBodyBytes += bytes;
    return true;
}

void HttpServer::releaseBody(qint64 bytes)
{
    m_pendingBodyBytes -= bytes;
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

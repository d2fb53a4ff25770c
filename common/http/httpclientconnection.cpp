#include "http/httpclientconnection.h"

#include <QSslSocket>
#include <QTcpSocket>

namespace forgelink {

namespace {

// Bounds what Qt reads ahead of the parser: an endless answer is cut off at the body limit, not
// buffered first.
constexpr qint64 kSocketReadBuffer = 64 * 1024;

quint16 portOf(const QUrl &url)
{
    return quint16(url.port(url.scheme() == u"https" ? 443 : 80));
}

} // namespace

HttpClientConnection::HttpClientConnection(const QUrl &origin, qint64 keptBodyBytes, qint64 maxBodyBytes, QObject *parent)
    : QObject(parent), m_origin(origin), m_parser(keptBodyBytes, maxBodyBytes)
{
}

HttpClientConnection::~HttpClientConnection() = default;

bool HttpClientConnection::matches(const QUrl &url) const
{
    return url.scheme() == m_origin.scheme() && url.host() == m_origin.host() && portOf(url) == portOf(m_origin);
}

void HttpClientConnection::open()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    const bool tls = m_origin.scheme() == u"https";
    QTcpSocket *socket = tls ? new QSslSocket(this) : new QTcpSocket(this);
    m_socket = socket;
    socket->setReadBufferSize(kSocketReadBuffer);
    connect(socket, &QTcpSocket::readyRead, this, &HttpClientConnection::readAnswer);
    connect(socket, &QTcpSocket::errorOccurred, this, &HttpClientConnection::failed);
    connect(socket, &QTcpSocket::connected, this, [socket] { socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); });
    if (tls)
        static_cast<QSslSocket *>(socket)->connectToHostEncrypted(m_origin.host(), portOf(m_origin));
    else
        socket->connectToHost(m_origin.host(), portOf(m_origin));
    m_reused = false;
}

void HttpClientConnection::send(QByteArray request, qint64 deadlineMs, Done done)
{
    m_done = std::move(done);
    m_deadlineMs = deadlineMs;
    m_request = std::move(request);
    m_resent = false;
    m_parser.reset();
    m_buffer.clear();
    const bool open = m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
    if (!open)
        this->open();
    else
        m_reused = true;
    // Buffered until the connection (and TLS) is up; written at once when it is.
    m_socket->write(m_request);
    if (open)
        m_socket->flush();
}

bool HttpClientConnection::resendOnFreshConnection()
{
    if (!m_reused || m_resent || m_parser.started())
        return false;
    m_resent = true;
    open();
    m_socket->write(m_request);
    return true;
}

void HttpClientConnection::readAnswer()
{
    m_buffer += m_socket->readAll();
    if (!m_done) {
        m_buffer.clear(); // bytes nobody asked for: the connection is not fit to reuse
        m_socket->abort();
        return;
    }
    switch (m_parser.feed(m_buffer)) {
    case HttpAnswerParser::State::NeedMore:
        return;
    case HttpAnswerParser::State::Complete: {
        const bool keepOpen = m_parser.keepAlive() && m_buffer.isEmpty();
        finish(m_parser.takeAnswer(), keepOpen);
        return;
    }
    case HttpAnswerParser::State::Failed:
        finish(m_parser.takeAnswer(), false);
        return;
    }
}

void HttpClientConnection::closedByServer()
{
    if (!m_done)
        return;
    if (resendOnFreshConnection())
        return;
    m_buffer += m_socket->readAll();
    if (!m_buffer.isEmpty() && m_parser.feed(m_buffer) == HttpAnswerParser::State::Complete) {
        finish(m_parser.takeAnswer(), false);
        return;
    }
    m_parser.endOfStream();
    finish(m_parser.takeAnswer(), false);
}

void HttpClientConnection::failed(QAbstractSocket::SocketError error)
{
    if (error == QAbstractSocket::RemoteHostClosedError) {
        closedByServer();
        return;
    }
    if (!m_done)
        return; // an idle connection went: the next request opens another
    if (error != QAbstractSocket::ConnectionRefusedError && error != QAbstractSocket::HostNotFoundError && resendOnFreshConnection())
        return;
    IncomingAnswer answer = m_parser.takeAnswer();
    answer.error = m_socket->errorString();
    finish(std::move(answer), false);
}

void HttpClientConnection::expire()
{
    if (!m_done)
        return;
    IncomingAnswer answer = m_parser.takeAnswer();
    answer.timedOut = true;
    finish(std::move(answer), false);
}

void HttpClientConnection::finish(IncomingAnswer answer, bool keepOpen)
{
    if (!keepOpen && m_socket)
        m_socket->abort();
    m_request.clear();
    m_buffer.clear();
    m_deadlineMs = 0;
    Done done = std::exchange(m_done, {});
    done(std::move(answer)); // may send the next request on this connection
}

void HttpClientConnection::abort()
{
    m_done = {};
    m_deadlineMs = 0;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

} // namespace forgelink

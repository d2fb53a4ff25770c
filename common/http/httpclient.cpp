#include "http/httpclient.h"

#include <QDateTime>

namespace forgelink {

namespace {

// How often requests in flight are checked against their deadline: one timer for all of them.
constexpr int kSweepEveryMs = 200;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

bool hasHeader(const HttpHeaders &headers, QByteArrayView name)
{
    return std::any_of(headers.begin(), headers.end(), [name](const auto &header) { return name.compare(header.first, Qt::CaseInsensitive) == 0; });
}

} // namespace

HttpClient::HttpClient(qint64 keptBodyBytes, qint64 maxBodyBytes, QObject *parent)
    : QObject(parent), m_keptBodyBytes(keptBodyBytes), m_maxBodyBytes(maxBodyBytes)
{
    m_sweep.setInterval(kSweepEveryMs);
    connect(&m_sweep, &QTimer::timeout, this, &HttpClient::sweep);
}

HttpClient::~HttpClient()
{
    abortAll();
}

QByteArray HttpClient::serialize(const OutgoingRequest &request)
{
    const QUrl &url = request.url;
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']'; // an IPv6 address
    const int defaultPort = url.scheme() == u"https" ? 443 : 80;
    if (url.port(defaultPort) != defaultPort)
        host += ':' + QByteArray::number(url.port());

    QByteArray out;
    out.reserve(256 + request.body.size());
    out += request.method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    if (!url.userInfo().isEmpty() && !hasHeader(request.headers, "Authorization"))
        out += "Authorization: Basic " + (url.userName(QUrl::FullyDecoded) + QLatin1Char(':') + url.password(QUrl::FullyDecoded)).toUtf8().toBase64() + "\r\n";
    if (!hasHeader(request.headers, "User-Agent"))
        out += "User-Agent: forgelink-agent\r\n";
    for (const auto &[name, value] : request.headers) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0 || name.compare("Host", Qt::CaseInsensitive) == 0
            || name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0 || name.compare("Connection", Qt::CaseInsensitive) == 0)
            continue; // this client frames the message itself
        out += name + ": " + value + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n\r\n";
    out += request.body;
    return out;
}

void HttpClient::send(const OutgoingRequest &request, int timeoutMs, Done done)
{
    HttpClientConnection *connection = nullptr;
    for (HttpClientConnection *candidate : std::as_const(m_connections)) {
        if (!candidate->isBusy() && candidate->matches(request.url)) {
            connection = candidate;
            break;
        }
    }
    if (!connection) {
        QUrl origin;
        origin.setScheme(request.url.scheme());
        origin.setHost(request.url.host());
        origin.setPort(request.url.port());
        connection = new HttpClientConnection(origin, m_keptBodyBytes, m_maxBodyBytes, this);
        m_connections << connection;
    }
    connection->send(serialize(request), now() + timeoutMs, std::move(done));
    if (!m_sweep.isActive())
        m_sweep.start();
}

void HttpClient::sweep()
{
    const qint64 at = now();
    // A copy: an expired request's done may send the next one, on a new connection too.
    const QList<HttpClientConnection *> connections = m_connections;
    for (HttpClientConnection *connection : connections) {
        if (connection->isBusy() && connection->deadlineMs() <= at)
            connection->expire();
    }
    if (std::none_of(m_connections.cbegin(), m_connections.cend(), [](const HttpClientConnection *connection) { return connection->isBusy(); }))
        m_sweep.stop();
}

void HttpClient::abortAll()
{
    m_sweep.stop();
    for (HttpClientConnection *connection : std::as_const(m_connections)) {
        connection->abort();
        connection->deleteLater();
    }
    m_connections.clear();
}

} // namespace forgelink

#include "httptestclient.h"

#include <QTcpServer>

#include <QElapsedTimer>
#include <QHostAddress>

namespace forgelink::test {

QByteArray HttpTestClient::Response::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpTestClient::connectTo(quint16 port, int timeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    return m_socket.waitForConnected(timeoutMs);
}

void HttpTestClient::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.waitForBytesWritten(5000);
}

std::optional<HttpTestClient::Response> HttpTestClient::readResponse(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    auto fill = [&]() {
        const int left = timeoutMs - int(clock.elapsed());
        if (left <= 0)
            return false;
        if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(left))
            return false;
        m_buffer += m_socket.readAll();
        return true;
    };
    qsizetype end = -1;
    while ((end = m_buffer.indexOf("\r\n\r\n")) < 0) {
        if (!fill())
            return std::nullopt;
    }
    Response response;
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() < 2)
        return std::nullopt;
    response.status = statusLine.at(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            response.headers.append({ lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed() });
    }
    const qsizetype length = response.header("Content-Length").toLongLong();
    m_buffer.remove(0, end + 4);
    while (m_buffer.size() < length) {
        if (!fill())
            return std::nullopt;
    }
    response.body = m_buffer.left(length);
    m_buffer.remove(0, length);
    return response;
}

bool HttpTestClient::waitForClosed(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            return true;
        m_socket.waitForReadyRead(50);
        m_buffer += m_socket.readAll();
        if (m_socket.state() == QAbstractSocket::UnconnectedState || m_socket.error() == QAbstractSocket::RemoteHostClosedError)
            return true;
    }
    return false;
}

QByteArray HttpTestClient::request(const QByteArray &method, const QByteArray &path,
                                   const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body,
                                   bool keepAlive)
{
    QByteArray out = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (!body.isEmpty() || method == "POST")
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (!keepAlive)
        out += "Connection: close\r\n";
    return out + "\r\n" + body;
}

std::optional<HttpTestClient::Response> HttpTestClient::exchange(quint16 port, const QByteArray &method, const QByteArray &path,
                                                                 const QList<QPair<QByteArray, QByteArray>> &headers,
                                                                 const QByteArray &body)
{
    HttpTestClient client;
    if (!client.connectTo(port))
        return std::nullopt;
    client.send(request(method, path, headers, body));
    return client.readResponse();
}

quint16 HttpTestClient::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace forgelink::test

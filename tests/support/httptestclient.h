#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QTcpSocket>

#include <optional>

namespace forgelink::test {

// A blocking HTTP/1.1 client on a raw socket, so tests can send exactly the bytes they mean:
// malformed lines, pipelined requests, slow headers, Expect: 100-continue.
class HttpTestClient {
public:
    struct Response {
        int status = 0;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(QByteArrayView name) const;
    };

    bool connectTo(quint16 port, int timeoutMs = 5000);
    void send(const QByteArray &bytes);
    std::optional<Response> readResponse(int timeoutMs = 10'000);
    // True once the server closed the connection (or it was reset) within the time.
    bool waitForClosed(int timeoutMs);
    QTcpSocket &socket() { return m_socket; }

    static QByteArray request(const QByteArray &method, const QByteArray &path,
                              const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body,
                              bool keepAlive = true);
    // One request on a fresh connection.
    // A loopback port free right now, for programs that cannot be told to pick one themselves
    // (nginx, an agent inside an image).
    static quint16 freePort();
    static std::optional<Response> exchange(quint16 port, const QByteArray &method, const QByteArray &path,
                                            const QList<QPair<QByteArray, QByteArray>> &headers = {},
                                            const QByteArray &body = {});

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace forgelink::test

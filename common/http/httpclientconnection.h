#pragma once

#include "http/httpanswerparser.h"
#include "http/httpclientmessage.h"

#include <QAbstractSocket>
#include <QObject>
#include <QUrl>

#include <functional>

class QTcpSocket;

namespace forgelink {

// One persistent HTTP/1.1 connection of HttpClient to one origin (scheme, host, port), plain or
// TLS: one request at a time, written at once, its answer parsed as it arrives. The connection
// is kept for the next request when the answer allows it. A reused connection the server had
// closed meanwhile (it may, between two requests) is opened again and the request sent once more
// before any byte of an answer: that is what keep-alive means for a client (RFC 9112 9.3.1).
class HttpClientConnection : public QObject {
    Q_OBJECT

public:
    using Done = std::function<void(IncomingAnswer answer)>;

    HttpClientConnection(const QUrl &origin, qint64 keptBodyBytes, qint64 maxBodyBytes, QObject *parent = nullptr);
    ~HttpClientConnection() override;

    bool matches(const QUrl &url) const;
    bool isBusy() const { return bool(m_done); }
    // The absolute time (ms since the epoch) the exchange in flight must end by; 0 when idle.
    qint64 deadlineMs() const { return m_deadlineMs; }

    // Sends the request's bytes; `done` is called once, with the answer or why there is none.
    void send(QByteArray request, qint64 deadlineMs, Done done);
    // Ends the exchange in flight at its deadline: done gets what arrived, marked timed out.
    void expire();
    // Drops the exchange in flight without calling done, and closes the connection.
    void abort();

private:
    void open();
    void readAnswer();
    void closedByServer();
    void failed(QAbstractSocket::SocketError error);
    void finish(IncomingAnswer answer, bool keepOpen);
    // The server closed a reused connection before answering: once, on a fresh one.
    bool resendOnFreshConnection();

    QUrl m_origin;
    QTcpSocket *m_socket = nullptr;
    HttpAnswerParser m_parser;
    QByteArray m_buffer;
    QByteArray m_request; // kept until the answer begins, for the one resend
    Done m_done;
    qint64 m_deadlineMs = 0;
    bool m_reused = false; // the exchange runs on a connection that carried one before
    bool m_resent = false;
};

} // namespace forgelink

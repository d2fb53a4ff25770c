#pragma once

#include "http/httpclientconnection.h"
#include "http/httpclientmessage.h"

#include <QList>
#include <QObject>
#include <QTimer>

namespace forgelink {

// A lean HTTP/1.1 client for many small requests to few origins (the outbox's targets): keep-alive
// connections opened as requests need them and reused, one write per request, answers parsed with
// Boost.Beast; a deadline per request that nothing trickled can extend; of an answer's body only
// the first bytes are kept and no more than a limit is read. No redirects (a 3xx is an answer),
// no cookies, no compression. Qt's network access manager stays for the provider APIs, where
// calls are few and its features count; here its cost per request counted.
class HttpClient : public QObject {
    Q_OBJECT

public:
    using Done = HttpClientConnection::Done;

    // Of each answer's body the first `keptBodyBytes` are kept; a body longer than `maxBodyBytes`
    // is cut off (the connection closes; the status stands).
    HttpClient(qint64 keptBodyBytes, qint64 maxBodyBytes, QObject *parent = nullptr);
    ~HttpClient() override;

    // `done` is called once, later (never from within send()), unless abortAll() comes first.
    void send(const OutgoingRequest &request, int timeoutMs, Done done);
    // Drops every request in flight (done is not called) and closes the connections.
    void abortAll();
    int connectionCount() const { return int(m_connections.size()); }

    // The request as it goes on the wire.
    static QByteArray serialize(const OutgoingRequest &request);

private:
    void sweep();

    qint64 m_keptBodyBytes;
    qint64 m_maxBodyBytes;
    QList<HttpClientConnection *> m_connections;
    QTimer m_sweep{ this };
};

} // namespace forgelink

#pragma once

#include "http/httpserver.h"

#include <QList>
#include <QObject>

#include <functional>

namespace forgelink::test {

// A loopback forward target: records every request it is sent and answers as the test scripts
// it (a status per request, or none while it is down), on the same port across restarts.
class WebhookSink : public QObject {
    Q_OBJECT

public:
    struct Received {
        QByteArray method;
        QByteArray path;
        HttpHeaders headers;
        QByteArray body;
        int status = 0; // what the sink answered
        QByteArray header(QByteArrayView name) const;
    };

    explicit WebhookSink(QObject *parent = nullptr);
    ~WebhookSink() override;

    bool start();
    // Stops listening and drops its connections (a target that is down); start() again later.
    void stop();
    quint16 port() const { return m_port; }
    QString url() const;

    // The status for the next request; when it returns 0 the sink answers 204.
    std::function<int(const Received &request)> answer;
    QList<Received> received;
    // The requests answered 2xx.
    QList<Received> accepted() const;

private:
    HttpServer *m_server = nullptr;
    quint16 m_port = 0;
};

} // namespace forgelink::test

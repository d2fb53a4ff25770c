#include "webhooksink.h"

namespace forgelink::test {

QByteArray WebhookSink::Received::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

WebhookSink::WebhookSink(QObject *parent) : QObject(parent) { }

WebhookSink::~WebhookSink()
{
    stop();
}

bool WebhookSink::start()
{
    m_server = new HttpServer(
            HttpLimits{},
            [this](HttpRequest request, HttpServer::Responder respond) {
                Received seen{ request.method, request.path, request.headers, request.body, 0 };
                const int status = answer ? answer(seen) : 0;
                seen.status = status == 0 ? 204 : status;
                received << seen;
                HttpResponse response;
                response.status = seen.status;
                respond(response);
            },
            this);
    if (!m_server->listen(QHostAddress::LocalHost, m_port)) {
        delete m_server;
        m_server = nullptr;
        return false;
    }
    m_port = m_server->serverPort();
    return true;
}

void WebhookSink::stop()
{
    delete m_server; // closes the listener and every connection
    m_server = nullptr;
}

QString WebhookSink::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

QList<WebhookSink::Received> WebhookSink::accepted() const
{
    QList<Received> ok;
    for (const Received &request : received) {
        if (request.status >= 200 && request.status < 300)
            ok << request;
    }
    return ok;
}

} // namespace forgelink::test

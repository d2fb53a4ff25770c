#pragma once

#include "deliverywriter.h"
#include "http/httpserver.h"
#include "log/logthrottle.h"
#include "metrics.h"
#include "refusaltally.h"
#include "intake/webhookintake.h"

#include <functional>

namespace forgelink {

// Answers the agent's HTTP paths: the four webhook endpoints, /healthz, /readyz and /metrics.
// A webhook gets its 2xx only once the writer has committed it.
class AgentRoutes {
public:
    AgentRoutes(WebhookIntake &intake, DeliveryWriter &writer, Metrics &metrics,
                std::function<int()> openConnections);

    void handle(HttpRequest request, HttpServer::Responder respond);
    // The HTTP server's head filter: routing, methods and the webhooks' header checks, before any
    // body is read.
    std::optional<HttpResponse> screen(const HttpRequest &head);
    // The deliveries refused as unauthorized since the last call (for the RefusalLog).
    QList<RefusalLog::Refusal> takeRefusals() { return m_refusals.take(); }

private:
    void handleWebhook(Provider provider, HttpRequest request, HttpServer::Responder respond);
    HttpResponse refused(Provider provider, const HttpHeaders &headers, const WebhookIntake::Decision &decision, const QHostAddress &peer);

    WebhookIntake &m_intake;
    DeliveryWriter &m_writer;
    Metrics &m_metrics;
    std::function<int()> m_openConnections;
    QHash<QString, LogThrottle> m_refusalLogs; // by provider
    RefusalTally m_refusals;
};

} // namespace forgelink

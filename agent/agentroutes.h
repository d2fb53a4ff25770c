#pragma once

#include "deliverywriter.h"
#include "httpserver.h"
#include "metrics.h"
#include "webhookintake.h"

#include <functional>

namespace forgelink {

// Answers the agent's HTTP paths: the four webhook endpoints, /healthz, /readyz and /metrics.
// A webhook gets its 2xx only once the writer has committed it.
class AgentRoutes {
public:
    AgentRoutes(WebhookIntake &intake, DeliveryWriter &writer, Metrics &metrics,
                std::function<int()> openConnections);

    void handle(HttpRequest request, HttpServer::Responder respond);

    // Called with each recorded delivery after its commit (the sync updates its cache from some).
    void setDeliveryObserver(std::function<void(const Delivery &)> observer) { m_observer = std::move(observer); }

private:
    void handleWebhook(Provider provider, HttpRequest request, HttpServer::Responder respond);

    WebhookIntake &m_intake;
    DeliveryWriter &m_writer;
    Metrics &m_metrics;
    std::function<int()> m_openConnections;
    std::function<void(const Delivery &)> m_observer;
};

} // namespace forgelink

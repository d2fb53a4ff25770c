#include "agentroutes.h"

#include "log/logfields.h"
#include "log/logformat.h"

#include "providers/providercatalogue.h"
#include "providers/providerregistry.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcWebhooks, "forgelink.agent.webhooks", QtInfoMsg)

namespace forgelink {

namespace {

HttpResponse methodNotAllowed(const QByteArray &allowed)
{
    HttpResponse response = HttpResponse::text(405, "method not allowed; use " + allowed);
    response.headers.append({ "Allow", allowed });
    return response;
}

} // namespace

AgentRoutes::AgentRoutes(WebhookIntake &intake, DeliveryWriter &writer, Metrics &metrics,
                         std::function<int()> openConnections)
    : m_intake(intake), m_writer(writer), m_metrics(metrics), m_openConnections(std::move(openConnections))
{
}

std::optional<HttpResponse> AgentRoutes::screen(const HttpRequest &head)
{
    static const QByteArray prefix = ProviderCatalogue::webhookPathPrefix().toLatin1();
    if (head.path.startsWith(prefix)) {
        const auto provider = providerFromId(QString::fromLatin1(head.path.mid(prefix.size())));
        if (!provider || !m_intake.isEnabled(*provider))
            return HttpResponse::text(404, "no such provider, or it is not enabled");
        if (head.method != "POST")
            return methodNotAllowed("POST");
        const WebhookRequest headers{ head.headers, {} };
        if (const std::optional<WebhookIntake::Decision> decision = m_intake.screen(*provider, headers))
            return refused(*provider, head.headers, *decision, head.peer);
        // A delivery this or another agent forwarded came back: a forward target routes to the
        // agent instead of to Pipekit. Recording it again would loop it for ever.
        if (headers.headerCount("X-Forgelink-Delivery") > 0)
            return refused(*provider, head.headers,
                           WebhookIntake::Decision{ 508, QStringLiteral("loop detected: this request carries X-Forgelink-Delivery (%1), so a "
                                                                        "forward target sends deliveries back to an agent instead of to Pipekit")
                                                                 .arg(LogFormat::printable(QString::fromLatin1(headers.header("X-Forgelink-Delivery").left(200)))) },
                           head.peer);
        return std::nullopt;
    }
    if (head.path != "/healthz" && head.path != "/readyz" && head.path != "/metrics")
        return HttpResponse::text(404, "not found");
    if (head.method != "GET" && head.method != "HEAD")
        return methodNotAllowed("GET");
    return std::nullopt;
}

HttpResponse AgentRoutes::refused(Provider kind, const HttpHeaders &headers, const WebhookIntake::Decision &decision, const QHostAddress &peer)
{
    const QString provider = providerId(kind);
    const QString outcome = decision.status == 401 ? QStringLiteral("unauthorized")
            : decision.status == 413               ? QStringLiteral("too_large")
            : decision.status == 508               ? QStringLiteral("loop")
                                                   : QStringLiteral("malformed");
    m_metrics.countDelivery(provider, outcome);
    if (decision.status == 401) {
        m_refusals.add(kind, decision.reason, QDateTime::currentMSecsSinceEpoch(), [&] {
            return QString::fromLatin1(ProviderRegistry::get(kind).deliveryIdFromHeaders(WebhookRequest{ headers, {} }).left(100));
        });
    }
    // The reason names headers and fields, never a secret or what was sent in its place.
    const LogFields fields{ { "provider", provider } };
    // One line per provider and interval: unsigned requests cannot flood the log (the metric
    // counts every one).
    if (const auto heldBack = m_refusalLogs[provider].admit()) {
        // The delivery's id when its headers name one, so the refusal can be found at the provider.
        const QByteArray deliveryId = ProviderRegistry::get(kind).deliveryIdFromHeaders(WebhookRequest{ headers, {} }).left(100);
        qCInfo(lcWebhooks).noquote() << QStringLiteral("%1 delivery %2from %3 refused %4 %5%6")
                                                .arg(provider,
                                                     deliveryId.isEmpty() ? QString() : LogFormat::printable(QString::fromLatin1(deliveryId)) + QLatin1Char(' '),
                                                     peer.toString())
                                                .arg(decision.status)
                                                .arg(decision.reason,
                                                     *heldBack ? QStringLiteral(" (and %1 more refused since the last such line)").arg(*heldBack)
                                                               : QString());
    }
    return HttpResponse::text(decision.status, decision.reason.toUtf8());
}

void AgentRoutes::handle(HttpRequest request, HttpServer::Responder respond)
{
    static const QByteArray prefix = ProviderCatalogue::webhookPathPrefix().toLatin1();
    if (request.path.startsWith(prefix)) {
        const auto provider = providerFromId(QString::fromLatin1(request.path.mid(prefix.size())));
        if (!provider || !m_intake.isEnabled(*provider)) {
            respond(HttpResponse::text(404, "no such provider, or it is not enabled"));
            return;
        }
        if (request.method != "POST") {
            respond(methodNotAllowed("POST"));
            return;
        }
        handleWebhook(*provider, std::move(request), std::move(respond));
        return;
    }

    const bool isGet = request.method == "GET" || request.method == "HEAD";
    if (request.path == "/healthz") {
        respond(isGet ? HttpResponse::text(200, "ok") : methodNotAllowed("GET"));
    } else if (request.path == "/readyz") {
        if (!isGet) {
            respond(methodNotAllowed("GET"));
            return;
        }
        m_writer.probe([respond](const Result<void> &alive) {
            respond(alive ? HttpResponse::text(200, "ready")
                          : HttpResponse::text(503, "store unreachable: " + alive.error().toUtf8()));
        });
    } else if (request.path == "/metrics") {
        if (!isGet) {
            respond(methodNotAllowed("GET"));
            return;
        }
        HttpResponse response;
        response.contentType = "text/plain; version=0.0.4; charset=utf-8";
        response.body = m_metrics.render(m_openConnections());
        respond(response);
    } else {
        respond(HttpResponse::text(404, "not found"));
    }
}

void AgentRoutes::handleWebhook(Provider provider, HttpRequest request, HttpServer::Responder respond)
{
    const QString id = providerId(provider);
    WebhookRequest webhook{ std::move(request.headers), std::move(request.body) };
    WebhookIntake::Decision decision = m_intake.evaluate(provider, webhook, QDateTime::currentDateTimeUtc());
    if (decision.status == 200 && decision.isPing) {
        m_metrics.countDelivery(id, QStringLiteral("unsigned_ping"));
        qCInfo(lcWebhooks).noquote() << id << "unsigned ping from" << request.peer.toString() << "answered, not recorded";
        respond(HttpResponse::text(200, decision.reason.toUtf8()));
        return;
    }
    if (decision.status != 0) {
        respond(refused(provider, webhook.headers, decision, request.peer));
        return;
    }

    const bool isPing = decision.isPing;
    Delivery delivery = std::move(*decision.delivery);
    const QString deliveryId = delivery.deliveryId;
    const QString event = delivery.event;
    const QString repo = delivery.events.isEmpty() ? QString() : delivery.events.first().repo;
    m_writer.submit(std::move(delivery),
                    [this, id, deliveryId, event, repo, isPing, respond](DeliveryWriter::Recorded outcome, const QString &error) {
                        const LogFields fields{ { "provider", id }, { "deliveryId", deliveryId } };
                        switch (outcome) {
                        case DeliveryWriter::Recorded::New:
                            m_metrics.countDelivery(id, QStringLiteral("recorded"));
                            qCInfo(lcWebhooks).noquote() << id << event << deliveryId << (repo.isEmpty() ? QStringLiteral("-") : repo) << "recorded";
                            respond(HttpResponse::text(isPing ? 200 : 202, isPing ? "pong" : "recorded"));
                            break;
                        case DeliveryWriter::Recorded::Duplicate:
                            m_metrics.countDelivery(id, QStringLiteral("duplicate"));
                            respond(HttpResponse::text(200, "already recorded"));
                            break;
                        case DeliveryWriter::Recorded::Failed:
                            m_metrics.countDelivery(id, QStringLiteral("store_failed"));
                            qCWarning(lcWebhooks).noquote() << id << event << deliveryId << "not recorded:" << error;
                            respond(HttpResponse::text(503, "the store cannot commit; retry later"));
                            break;
                        }
                    });
}

} // namespace forgelink

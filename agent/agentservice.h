#pragma once

#include "settings/agentconfig.h"
#include "agentroutes.h"
#include "forward/outboxsender.h"
#include "deliverywriter.h"
#include "http/httpserver.h"
#include "log/logthrottle.h"
#include "metrics.h"
#include "recoveryscheduler.h"
#include "syncscheduler.h"
#include "core/result.h"
#include "intake/webhookintake.h"

#include <QObject>
#include <QElapsedTimer>
#include <QTimer>

#include <memory>

namespace forgelink {

// `forgelink-agent serve`: the store writer, the HTTP server and its routes, wired together, with
// a graceful stop: stop accepting, answer what is in flight, commit, exit.
class AgentService : public QObject {
    Q_OBJECT

public:
    explicit AgentService(AgentConfig config, QObject *parent = nullptr);
    ~AgentService() override;

    Result<void> start();
    quint16 port() const;
    void stop();
    // Runs a repository sync now (SIGHUP), or queues one after the running one.
    void syncNow();

    Metrics &metrics() { return m_metrics; }

Q_SIGNALS:
    void stopped();

private:
    void applySecrets(const QHash<Provider, QList<QByteArray>> &secrets);
    void recordRefusals();

    AgentConfig m_config;
    Metrics m_metrics;
    WebhookIntake m_intake;
    std::unique_ptr<DeliveryWriter> m_writer;
    std::unique_ptr<OutboxSender> m_sender; // when forward targets are configured
    std::unique_ptr<AgentRoutes> m_routes;
    HttpServer *m_server = nullptr;
    SyncScheduler *m_scheduler = nullptr;
    QList<RecoveryScheduler *> m_recoveries; // one per provider whose delivery recovery is on
    QTimer *m_secretRefresh = nullptr;
    QTimer *m_refusalFlush = nullptr;
    QHash<Provider, QList<QByteArray>> m_appliedSecrets;
    bool m_stopping = false;
    LogThrottle m_refusalLog;
};

} // namespace forgelink

#pragma once

#include "providers/deliveryrecovery.h"
#include "settings/agentconfig.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

class QThread;

namespace forgelink {

// Runs a provider's delivery recovery inside `serve` (GitHub's: it never retries a failed
// delivery): at start and every recoverEveryMinutes, each check on a thread of its own with its
// own database connection and HTTP client. A check that fails (5xx, a rate limit longer than the
// client waits, the database is away) is logged, kept for `status` until one succeeds, and the
// next one covers the same window again; it never stops the agent.
class RecoveryScheduler : public QObject {
    Q_OBJECT

public:
    RecoveryScheduler(AgentConfig config, Provider provider, QObject *parent = nullptr);
    ~RecoveryScheduler() override;

    // False when the provider's recovery is off (the reason logged).
    bool start();
    // Ends the check in progress at its next request or wait (SIGTERM), and schedules no more.
    void cancel();

Q_SIGNALS:
    void checked(const forgelink::DeliveryRecovery::Report &report);
    void failed(const QString &error);

private:
    void runNow();

    AgentConfig m_config;
    Provider m_provider;
    QTimer m_every;
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
};

} // namespace forgelink

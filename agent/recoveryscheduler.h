#pragma once

#include "config/agentconfig.h"
#include "providers/github/githubrecovery.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

class QThread;

namespace forgelink {

// Runs GitHub's gap recovery inside `serve`: at start and every recoverEveryMinutes, each check
// on a thread of its own with its own database connection and HTTP client. A check that fails
// (GitHub answers 5xx, a rate limit longer than the client waits, the database is away) is logged
// and the next one covers the same window again; it never stops the agent.
class RecoveryScheduler : public QObject {
    Q_OBJECT

public:
    explicit RecoveryScheduler(AgentConfig config, QObject *parent = nullptr);
    ~RecoveryScheduler() override;

    void start();
    // Ends the check in progress at its next request or wait (SIGTERM), and schedules no more.
    void cancel();

Q_SIGNALS:
    void checked(const forgelink::GitHubRecovery::Report &report);
    void failed(const QString &error);

private:
    void runNow();

    AgentConfig m_config;
    QTimer m_every;
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
};

} // namespace forgelink

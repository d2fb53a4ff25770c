#pragma once

#include "settings/agentconfig.h"
#include "sync/repositorysync.h"

#include <QObject>
#include <QTimer>

#include <optional>

class QThread;

namespace forgelink {

// Runs the repository sync inside `serve`: daily at sync.dailyAt (local time) and whenever asked
// (SIGHUP). Each run has a thread, a database connection and an HTTP client of its own, so the
// webhook receiver never waits for it. A request during a run queues one more run.
class SyncScheduler : public QObject {
    Q_OBJECT

public:
    SyncScheduler(AgentConfig config, QObject *parent = nullptr);
    ~SyncScheduler() override;

    // Schedules the daily runs, and syncs now the providers whose cache is empty or older than a
    // day, so `repos` has something on the first day.
    void start();
    void runNow();
    // Stops the run in progress at its next request or wait (SIGTERM), and schedules no more.
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }
    // Milliseconds until the next daily run, from `now`.
    static qint64 msUntil(const QTime &dailyAt, const QDateTime &now);

Q_SIGNALS:
    void finished(const QList<forgelink::RepositorySync::ProviderRun> &outcomes, const QString &error);

private:
    void scheduleNext();
    void run(std::optional<qint64> staleAfterMs);

    AgentConfig m_config;
    QTimer m_daily;
    QThread *m_thread = nullptr;
    bool m_again = false;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
};

} // namespace forgelink

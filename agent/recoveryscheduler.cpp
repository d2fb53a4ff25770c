#include "recoveryscheduler.h"

#include "store/store.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QThread>

Q_DECLARE_LOGGING_CATEGORY(lcRecovery)

namespace forgelink {

RecoveryScheduler::RecoveryScheduler(AgentConfig config, QObject *parent) : QObject(parent), m_config(std::move(config))
{
    m_config.network.cancel = m_cancel;
    connect(&m_every, &QTimer::timeout, this, &RecoveryScheduler::runNow);
}

RecoveryScheduler::~RecoveryScheduler()
{
    m_cancel->store(true);
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void RecoveryScheduler::start()
{
    if (!m_config.github || !m_config.github->recoverFailedDeliveries)
        return;
    if (m_config.github->privateKeyPem.isEmpty()) {
        qCInfo(lcRecovery) << "GitHub delivery recovery is off: it lists the App's deliveries as the App, which needs"
                           << "providers.github.privateKey";
        return;
    }
    m_every.start(int(std::min<qint64>(m_config.github->recoverEveryMs, std::numeric_limits<int>::max())));
    runNow();
}

void RecoveryScheduler::cancel()
{
    m_every.stop();
    m_cancel->store(true);
}

void RecoveryScheduler::runNow()
{
    if (m_cancel->load() || m_thread)
        return; // a check still running covers this one's window too
    auto report = std::make_shared<Result<GitHubRecovery::Report>>(fail(QStringLiteral("the check did not run")));
    m_thread = QThread::create([config = m_config, report] {
        Result<std::unique_ptr<Store>> store = Store::open(config.database, QStringLiteral("forgelink-recovery"));
        if (!store) {
            *report = fail(store.error());
            return;
        }
        GitHubRecovery recovery(config, **store, Store::thisProcess());
        *report = recovery.check();
        // For `status`: the failure until a check succeeds.
        if (!*report)
            (void)(*store)->redeliveries().setFailure(Provider::GitHub, { QDateTime::currentMSecsSinceEpoch(), report->error() });
        else if (!report->value().skipped)
            (void)(*store)->redeliveries().clearFailure(Provider::GitHub);
    });
    m_thread->setObjectName(QStringLiteral("forgelink-recovery"));
    connect(m_thread, &QThread::finished, this, [this, report] {
        m_thread->deleteLater();
        m_thread = nullptr;
        if (!*report) {
            qCWarning(lcRecovery).noquote() << "GitHub delivery recovery failed; the next check tries again:" << report->error();
            Q_EMIT failed(report->error());
            return;
        }
        const GitHubRecovery::Report &done = report->value();
        if (done.skipped) {
            qCInfo(lcRecovery) << "GitHub delivery recovery: another agent or a sync holds the lease; next check later";
        } else {
            if (!done.gap.isEmpty())
                qCWarning(lcRecovery).noquote() << "GitHub delivery recovery:" << done.gap;
            if (done.outOfReach > 0)
                qCWarning(lcRecovery).noquote() << "GitHub delivery recovery:" << done.outOfReach
                                                << "failed deliveries are out of reach (older than GitHub redelivers, or than the first check's"
                                                << "72 h); GitHub's App settings list them";
            if (done.deferred > 0)
                qCWarning(lcRecovery).noquote() << "GitHub delivery recovery:" << done.deferred
                                                << "redeliveries were refused this time or left over; the next check asks again";
            if (done.requested > 0)
                qCInfo(lcRecovery).noquote() << "GitHub delivery recovery: asked GitHub to redeliver" << done.requested << "failed deliveries since"
                                             << done.since.toString(Qt::ISODate);
        }
        Q_EMIT checked(done);
    });
    m_thread->start();
}

} // namespace forgelink

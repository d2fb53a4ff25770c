#include "recoveryscheduler.h"

#include "providers/providerregistry.h"
#include "store/store.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QThread>

Q_DECLARE_LOGGING_CATEGORY(lcRecovery)

namespace forgelink {

RecoveryScheduler::RecoveryScheduler(AgentConfig config, Provider provider, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_provider(provider)
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

bool RecoveryScheduler::start()
{
    const GitProvider::RecoverySchedule schedule = ProviderRegistry::get(m_provider).recoverySchedule(m_config);
    if (schedule.everyMs <= 0) {
        if (!schedule.offReason.isEmpty())
            qCInfo(lcRecovery).noquote() << ProviderRegistry::get(m_provider).displayName() << "delivery recovery is off:" << schedule.offReason;
        return false;
    }
    m_every.start(int(std::min<qint64>(schedule.everyMs, std::numeric_limits<int>::max())));
    runNow();
    return true;
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
    auto report = std::make_shared<Result<DeliveryRecovery::Report>>(fail(QStringLiteral("the check did not run")));
    m_thread = QThread::create([config = m_config, provider = m_provider, report] {
        Result<std::unique_ptr<Store>> store = Store::open(config.database, QStringLiteral("forgelink-recovery"));
        if (!store) {
            *report = fail(store.error());
            return;
        }
        const std::unique_ptr<DeliveryRecovery> recovery = ProviderRegistry::get(provider).deliveryRecovery(config, **store, Store::thisProcess());
        if (!recovery) {
            *report = fail(QStringLiteral("%1 has no delivery recovery").arg(providerId(provider)));
            return;
        }
        *report = recovery->check();
        // For `status`: the failure until a check succeeds.
        if (!*report)
            (void)(*store)->redeliveries().setFailure(provider, { QDateTime::currentMSecsSinceEpoch(), report->error() });
        else if (!report->value().skipped)
            (void)(*store)->redeliveries().clearFailure(provider);
    });
    m_thread->setObjectName(QStringLiteral("forgelink-recovery"));
    connect(m_thread, &QThread::finished, this, [this, report] {
        const QString name = ProviderRegistry::get(m_provider).displayName();
        m_thread->deleteLater();
        m_thread = nullptr;
        if (!*report) {
            qCWarning(lcRecovery).noquote() << name << "delivery recovery failed; the next check tries again:" << report->error();
            Q_EMIT failed(report->error());
            return;
        }
        const DeliveryRecovery::Report &done = report->value();
        if (done.skipped) {
            qCInfo(lcRecovery).noquote() << name << "delivery recovery: another agent or a sync holds the lease; next check later";
        } else {
            if (!done.gap.isEmpty())
                qCWarning(lcRecovery).noquote() << name << "delivery recovery:" << done.gap;
            if (done.outOfReach > 0)
                qCWarning(lcRecovery).noquote() << name << "delivery recovery:" << done.outOfReach
                                                << "failed deliveries are out of reach (older than" << name << "redelivers, or than the first check's"
                                                << "72 h); the provider's webhook settings list them";
            if (done.deferred > 0)
                qCWarning(lcRecovery).noquote() << name << "delivery recovery:" << done.deferred
                                                << "redeliveries were refused this time or left over; the next check asks again";
            if (done.requested > 0)
                qCInfo(lcRecovery).noquote() << name << "delivery recovery: asked" << name << "to redeliver" << done.requested << "failed deliveries since"
                                             << done.since.toString(Qt::ISODate);
        }
        Q_EMIT checked(done);
    });
    m_thread->start();
}

} // namespace forgelink

#include "syncscheduler.h"
#include "log/counted.h"

#include "hooks/hooklifecycle.h"
#include "store/store.h"

#include <QLoggingCategory>
#include <QCoreApplication>
#include <QThread>
#include <QTimeZone>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace forgelink {

namespace {
// A cache older than this is synced when serve starts.
constexpr qint64 kStaleAfterMs = 24LL * 60 * 60 * 1000;
} // namespace

SyncScheduler::SyncScheduler(AgentConfig config, QObject *parent) : QObject(parent), m_config(std::move(config))
{
    m_config.network.cancel = m_cancel; // every API client of a run stops when it is set
    m_daily.setSingleShot(true);
    connect(&m_daily, &QTimer::timeout, this, [this] {
        runNow();
        scheduleNext();
    });
}

SyncScheduler::~SyncScheduler()
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

qint64 SyncScheduler::msUntil(const QTime &dailyAt, const QDateTime &now)
{
    QDateTime next(now.date(), dailyAt, now.timeZone());
    if (next <= now)
        next = next.addDays(1);
    return now.msecsTo(next);
}

void SyncScheduler::start()
{
    if (m_config.syncDaily)
        scheduleNext();
    else
        qCInfo(lcSync) << "no daily sync in serve (sync.daily is false): a CronJob or timer runs `sync`";
    run(kStaleAfterMs);
}

void SyncScheduler::scheduleNext()
{
    const qint64 wait = msUntil(m_config.syncDailyAt, QDateTime::currentDateTime());
    m_daily.start(int(std::min<qint64>(wait, std::numeric_limits<int>::max())));
    qCInfo(lcSync).noquote() << "next daily sync at" << QDateTime::currentDateTime().addMSecs(wait).toString(Qt::ISODate);
}

void SyncScheduler::cancel()
{
    m_daily.stop();
    m_again = false;
    if (m_thread && !m_cancel->exchange(true))
        qCInfo(lcSync) << "stopping the sync and hook run in progress";
    m_cancel->store(true);
}

void SyncScheduler::runNow()
{
    run(std::nullopt);
}

void SyncScheduler::run(std::optional<qint64> staleAfterMs)
{
    if (m_cancel->load())
        return;
    if (m_thread) {
        m_again = true;
        qCInfo(lcSync) << "a sync is running; another one follows it";
        return;
    }
    const QString holder = Store::thisProcess();
    auto outcomes = std::make_shared<QList<RepositorySync::ProviderRun>>();
    auto error = std::make_shared<QString>();
    m_thread = QThread::create([config = m_config, holder, outcomes, error, staleAfterMs] {
        Result<std::unique_ptr<Store>> store = Store::open(config.database, QStringLiteral("forgelink-sync"));
        if (!store) {
            *error = store.error();
            return;
        }
        RepositorySync sync(config, **store, holder);
        Result<QList<RepositorySync::ProviderRun>> result = sync.run(std::nullopt, 30 * 60 * 1000, staleAfterMs);
        if (result)
            *outcomes = result.value();
        else
            *error = result.error();
        if (staleAfterMs && result && result->isEmpty()) {
            qCInfo(lcSync) << "every repository cache was synced within the last day: no sync at start";
            return; // nothing to reconcile either
        }
        // Then the hooks: recreate missing ones, re-enable disabled ones, follow the synced set.
        HookLifecycle hooks(config, **store, holder);
        const HookLifecycle::ReconcileReport report = hooks.reconcile();
        if (report.failures > 0)
            qCWarning(lcSync).noquote() << "hook reconcile:" << counted(report.failures, QStringLiteral("change"), QStringLiteral("changes"))
                                        << "failed; see the lines above";
    });
    connect(m_thread, &QThread::finished, this, [this, outcomes, error] {
        m_thread->deleteLater();
        m_thread = nullptr;
        if (!error->isEmpty())
            qCWarning(lcSync).noquote() << "sync did not run:" << *error;
        Q_EMIT finished(*outcomes, *error);
        if (m_again) {
            m_again = false;
            runNow();
        }
    });
    m_thread->start();
}

} // namespace forgelink

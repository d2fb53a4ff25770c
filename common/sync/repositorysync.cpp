#include "sync/repositorysync.h"

#include "log/logfields.h"
#include "providers/repositorylister.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace forgelink {

namespace {
// The lease outlives any sane run; a crashed holder's lease lapses after it.
constexpr int kLockTtlSeconds = 60 * 60;
constexpr int kLockPollMs = 250;

void pause(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}
} // namespace

RepositorySync::RepositorySync(const AgentConfig &config, Store &store, QString holder)
    : m_config(config), m_store(store), m_holder(std::move(holder))
{
}

Result<QList<RepositorySync::ProviderRun>> RepositorySync::run(std::optional<Provider> only, int lockWaitMs, std::optional<qint64> staleAfterMs)
{
    QList<Provider> providers = m_config.enabledProviders();
    if (only) {
        if (!providers.contains(*only))
            return fail(QStringLiteral("%1 is not enabled in the config").arg(providerId(*only)));
        providers = { *only };
    }
    if (providers.isEmpty())
        return fail(QStringLiteral("no provider is enabled in the config"));

    QElapsedTimer waited;
    waited.start();
    bool announced = false;
    for (;;) {
        Result<bool> locked = m_store.leases().tryTake(QString::fromLatin1(Leases::kRepositorySync), m_holder, kLockTtlSeconds);
        if (!locked)
            return fail(locked.error());
        if (locked.value())
            break;
        if (waited.elapsed() > lockWaitMs)
            return fail(QStringLiteral("another sync has held the lock for over %1 s").arg(lockWaitMs / 1000));
        if (m_config.network.cancelled())
            return fail(QStringLiteral("cancelled while waiting for another sync"));
        if (!announced) {
            qCInfo(lcSync) << "another sync is running; waiting for it to finish";
            announced = true;
        }
        pause(kLockPollMs);
    }

    if (staleAfterMs) {
        Result<QHash<Provider, QDateTime>> finished = m_store.syncRuns().lastSucceeded();
        if (!finished) {
            (void)m_store.leases().release(QString::fromLatin1(Leases::kRepositorySync), m_holder);
            return fail(finished.error());
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        providers.removeIf([&](Provider provider) {
            const QDateTime at = finished->value(provider);
            return at.isValid() && at.msecsTo(now) < *staleAfterMs;
        });
    }
    QList<ProviderRun> outcomes;
    for (Provider provider : providers) {
        if (m_config.network.cancelled())
            break;
        outcomes << syncProvider(provider);
        (void)m_store.leases().tryTake(QString::fromLatin1(Leases::kRepositorySync), m_holder, kLockTtlSeconds); // refresh the lease
    }
    if (Result<void> released = m_store.leases().release(QString::fromLatin1(Leases::kRepositorySync), m_holder); !released)
        qCWarning(lcSync).noquote() << released.error();
    return outcomes;
}

RepositorySync::ProviderRun RepositorySync::syncProvider(Provider provider)
{
    ProviderRun outcome;
    outcome.provider = provider;
    QElapsedTimer clock;
    clock.start();
    const QString id = providerId(provider);
    const LogFields fields{ { "provider", id } };
    qCInfo(lcSync).noquote() << id << "sync started";
    Result<qint64> run = m_store.syncRuns().start(provider);
    auto finish = [&](const QString &error) {
        outcome.succeeded = error.isEmpty();
        outcome.error = error;
        outcome.elapsedMs = clock.elapsed();
        if (run)
            (void)m_store.syncRuns().finish(run.value(), outcome.succeeded, outcome.counts, outcome.apiCalls, error);
        if (outcome.succeeded)
            qCInfo(lcSync).noquote() << id << "synced:" << outcome.counts.added << "added," << outcome.counts.updated
                                     << "updated," << outcome.counts.removed << "removed," << outcome.counts.unchanged
                                     << "unchanged;" << outcome.apiCalls << "API calls," << outcome.notModified
                                     << "not modified, in" << outcome.elapsedMs << "ms";
        else
            qCWarning(lcSync).noquote() << id << "sync failed, cache left as it was:" << error;
        return outcome;
    };
    if (!run)
        return finish(run.error());

    Result<std::unique_ptr<RepositoryLister>> lister = RepositoryLister::create(provider, m_config);
    if (!lister)
        return finish(lister.error());
    Result<RepositoryCache> cache = m_store.repositories().forListing(provider);
    if (!cache)
        return finish(cache.error());
    Result<RepositoryListing> listing = (*lister)->list(cache.value());
    outcome.apiCalls = (*lister)->apiCalls();
    outcome.rateLimitRemaining = (*lister)->rateLimitRemaining();
    if (!listing)
        return finish(listing.error());
    outcome.notModified = listing->notModified;
    Result<Store::SyncCounts> counts = m_store.repositories().apply(provider, listing.value());
    if (!counts)
        return finish(counts.error());
    outcome.counts = counts.value();
    return finish(QString());
}

} // namespace forgelink

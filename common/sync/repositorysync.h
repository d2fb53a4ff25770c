#pragma once

#include "settings/agentconfig.h"
#include "store/store.h"

#include <QList>

#include <optional>

namespace forgelink {

// One sync run: for each enabled provider (or one), a complete listing replaces the cache; a
// listing that fails part way changes nothing and is recorded as failed with its reason. Runs
// hold a lock in the database, so agents sharing one database sync one after the other.
class RepositorySync {
public:
    struct ProviderRun {
        Provider provider = Provider::GitHub;
        bool succeeded = false;
        QString error;
        Store::SyncCounts counts;
        int apiCalls = 0;
        int notModified = 0;
        qint64 elapsedMs = 0;
        std::optional<qint64> rateLimitRemaining;
    };

    RepositorySync(const AgentConfig &config, Store &store, QString holder);

    // Waits up to `lockWaitMs` for another run to finish. With `staleAfterMs`, only providers whose
    // last successful sync is older than that (or that never synced) are synced; judged once the
    // lock is held, so agents starting together sync once.
    Result<QList<ProviderRun>> run(std::optional<Provider> only, int lockWaitMs = 30 * 60 * 1000,
                               std::optional<qint64> staleAfterMs = std::nullopt);

private:
    ProviderRun syncProvider(Provider provider);

    const AgentConfig &m_config;
    Store &m_store;
    QString m_holder;
};

} // namespace forgelink

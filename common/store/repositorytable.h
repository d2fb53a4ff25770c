#pragma once

#include "core/repository.h"
#include "core/repositorycache.h"

#include <QStringList>

#include <optional>

#include "core/result.h"
#include "store/database.h"

namespace forgelink {

// The repository cache: every repository the installation can reach, per provider, and the
// ETags of the listing's pages (a page that did not change is not listed again).
class RepositoryTable {
public:
    explicit RepositoryTable(Database &database) : m_database(database) { }

    // What a sync run changed.
    struct SyncCounts {
        int added = 0;
        int updated = 0;
        int removed = 0;
        int unchanged = 0;
        int rowsWritten() const { return added + updated + removed; }
    };

    Result<QList<Repository>> list(std::optional<Provider> provider = std::nullopt);
    // What a listing of `provider` may reuse (repositories and page ETags).
    Result<RepositoryCache> forListing(Provider provider);
    // Replaces the provider's cached repositories with a complete listing, in one transaction:
    // new ones are added, changed ones updated in place (by provider id), missing ones removed.
    // Rows that did not change are not written.
    Result<SyncCounts> apply(Provider provider, const RepositoryListing &listing);
    Result<bool> contains(Provider provider, const QString &id);
    // A cached repository by the provider's id or its full path.
    Result<std::optional<Repository>> find(Provider provider, const QString &idOrPath);
    // Changes between syncs, from webhook events.
    Result<void> upsert(const Repository &repository);
    Result<int> remove(Provider provider, const QString &id);
    Result<int> removeByPath(Provider provider, const QString &fullPath);

private:
    QSqlDatabase &db() { return m_database.connection(); }

    Database &m_database;

    Result<void> write(const Repository &repository, bool exists, const QString &now);
};

} // namespace forgelink

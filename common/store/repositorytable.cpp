#include "store/repositorytable.h"

#include "store/storedprovider.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace forgelink {

namespace {

std::optional<Repository> repositoryFromRow(const QSqlQuery &query)
{
    // Columns: provider, repo_id, full_path, name, default_branch, visibility, archived, web_url,
    // clone_url, access_level
    const std::optional<Provider> provider = StoredProvider::read(query.value(0), "repositories");
    if (!provider)
        return std::nullopt;
    Repository repository;
    repository.provider = *provider;
    repository.id = query.value(1).toString();
    repository.fullPath = query.value(2).toString();
    repository.name = query.value(3).toString();
    repository.defaultBranch = query.value(4).toString();
    repository.visibility = query.value(5).toString();
    if (!query.value(6).isNull())
        repository.archived = query.value(6).toInt() != 0;
    repository.webUrl = query.value(7).toString();
    repository.cloneUrl = query.value(8).toString();
    if (!query.value(9).isNull())
        repository.accessLevel = query.value(9).toInt();
    return repository;
}

const char kRepositoryColumns[] = "provider, repo_id, full_path, name, default_branch, visibility, archived, web_url, "
                                  "clone_url, access_level";

} // namespace

Result<QList<Repository>> RepositoryTable::list(std::optional<Provider> provider)
{
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM repositories %2 ORDER BY provider, full_path")
                          .arg(QLatin1String(kRepositoryColumns), provider ? QStringLiteral("WHERE provider = ?") : QString()));
    if (provider)
        query.bindValue(0, providerId(*provider));
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot read repositories"), query.lastError()));
    QList<Repository> list;
    while (query.next()) {
        if (std::optional<Repository> repository = repositoryFromRow(query))
            list << *repository;
    }
    return list;
}

Result<RepositoryCache> RepositoryTable::forListing(Provider provider)
{
    Result<QList<Repository>> list = this->list(provider);
    if (!list)
        return fail(list.error());
    RepositoryCache cache;
    for (const Repository &repository : list.value())
        cache.repositories.insert(repository.id, repository);
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT url, etag, item_ids, next_url, total_count FROM api_cache WHERE url LIKE ?"));
    query.bindValue(0, providerId(provider) + QStringLiteral(" %"));
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot read the page cache"), query.lastError()));
    while (query.next()) {
        // Keys are "<provider> <url>"; the caller sees the URL.
        const QString key = query.value(0).toString();
        CachedPage page{ query.value(1).toString(), query.value(2).toString().split(QLatin1Char(','), Qt::SkipEmptyParts),
                         std::nullopt, std::nullopt };
        if (!query.value(3).isNull())
            page.next = query.value(3).toString();
        if (!query.value(4).isNull())
            page.totalCount = query.value(4).toLongLong();
        cache.pages.insert(key.mid(key.indexOf(QLatin1Char(' ')) + 1), page);
    }
    return cache;
}

Result<void> RepositoryTable::write(const Repository &repository, bool exists, const QString &now)
{
    QSqlQuery query(db());
    if (exists) {
        query.prepare(QStringLiteral("UPDATE repositories SET full_path = ?, name = ?, default_branch = ?, visibility = ?,"
                                     " archived = ?, web_url = ?, clone_url = ?, access_level = ?, updated_at = ?"
                                     " WHERE provider = ? AND repo_id = ?"));
    } else {
        query.prepare(QStringLiteral("INSERT INTO repositories (full_path, name, default_branch, visibility, archived,"
                                     " web_url, clone_url, access_level, updated_at, provider, repo_id, first_seen)"
                                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    }
    query.addBindValue(repository.fullPath);
    query.addBindValue(Database::nullable(repository.name));
    query.addBindValue(Database::nullable(repository.defaultBranch));
    query.addBindValue(Database::nullable(repository.visibility));
    query.addBindValue(repository.archived ? QVariant(int(*repository.archived)) : QVariant(QMetaType(QMetaType::Int)));
    query.addBindValue(Database::nullable(repository.webUrl));
    query.addBindValue(Database::nullable(repository.cloneUrl));
    query.addBindValue(repository.accessLevel ? QVariant(*repository.accessLevel) : QVariant(QMetaType(QMetaType::Int)));
    query.addBindValue(now);
    query.addBindValue(providerId(repository.provider));
    query.addBindValue(repository.id);
    if (!exists)
        query.addBindValue(now);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot write repository %1").arg(repository.fullPath), query.lastError()));
    return {};
}

Result<RepositoryTable::SyncCounts> RepositoryTable::apply(Provider provider, const RepositoryListing &listing)
{
    Result<RepositoryCache> cache = forListing(provider);
    if (!cache)
        return fail(cache.error());
    if (!db().transaction())
        return fail(m_database.error(QStringLiteral("cannot start a transaction"), db().lastError()));
    auto abort = [this](const QString &message) -> Result<SyncCounts> {
        db().rollback();
        return fail(message);
    };
    const QString now = Database::now();
    SyncCounts counts;
    QHash<QString, Repository> existing = cache->repositories;
    QSet<QString> listed;
    for (const Repository &repository : listing.repositories) {
        if (listed.contains(repository.id))
            continue; // a repository on two pages of a shifting listing counts once
        listed.insert(repository.id);
        const auto old = existing.constFind(repository.id);
        if (old != existing.constEnd() && old->sameData(repository)) {
            ++counts.unchanged;
            continue;
        }
        if (Result<void> written = write(repository, old != existing.constEnd(), now); !written)
            return abort(written.error());
        ++(old != existing.constEnd() ? counts.updated : counts.added);
    }
    QSqlQuery remove(db());
    remove.prepare(QStringLiteral("DELETE FROM repositories WHERE provider = ? AND repo_id = ?"));
    for (auto it = existing.constBegin(); it != existing.constEnd(); ++it) {
        if (listed.contains(it.key()))
            continue;
        remove.bindValue(0, providerId(provider));
        remove.bindValue(1, it.key());
        if (!remove.exec())
            return abort(m_database.error(QStringLiteral("cannot remove repository %1").arg(it->fullPath), remove.lastError()));
        ++counts.removed;
    }
    for (auto it = listing.pages.constBegin(); it != listing.pages.constEnd(); ++it) {
        const QString key = providerId(provider) + QLatin1Char(' ') + it.key();
        const auto cached = cache->pages.constFind(it.key());
        if (cached != cache->pages.constEnd() && cached->etag == it->etag && cached->ids == it->ids && cached->next == it->next
            && cached->totalCount == it->totalCount)
            continue;
        QSqlQuery page(db());
        page.prepare(QStringLiteral("INSERT INTO api_cache (url, etag, item_ids, next_url, total_count) VALUES (?, ?, ?, ?, ?)"
                                    " ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, item_ids = excluded.item_ids,"
                                    " next_url = excluded.next_url, total_count = excluded.total_count"));
        page.addBindValue(key);
        page.addBindValue(it->etag);
        page.addBindValue(it->ids.join(QLatin1Char(',')));
        // The last page's next link is '' (known: none), not NULL (unknown): a null QString binds as NULL.
        page.addBindValue(it->next ? QVariant(it->next->isEmpty() ? QStringLiteral("") : *it->next) : QVariant(QMetaType(QMetaType::QString)));
        page.addBindValue(it->totalCount ? QVariant(*it->totalCount) : QVariant(QMetaType(QMetaType::LongLong)));
        if (!page.exec())
            return abort(m_database.error(QStringLiteral("cannot write the page cache"), page.lastError()));
    }
    if (!db().commit())
        return abort(m_database.error(QStringLiteral("cannot commit the repository listing"), db().lastError()));
    return counts;
}

Result<void> RepositoryTable::upsert(const Repository &repository)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT %1 FROM repositories WHERE provider = ? AND repo_id = ?").arg(QLatin1String(kRepositoryColumns)));
    query.addBindValue(providerId(repository.provider));
    query.addBindValue(repository.id);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot read repository %1").arg(repository.fullPath), query.lastError()));
    const bool exists = query.next();
    if (exists && repositoryFromRow(query)->sameData(repository))
        return {};
    query.finish();
    return write(repository, exists, Database::now());
}

Result<bool> RepositoryTable::contains(Provider provider, const QString &id)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT 1 FROM repositories WHERE provider = ? AND repo_id = ?"));
    query.addBindValue(providerId(provider));
    query.addBindValue(id);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot read repository %1").arg(id), query.lastError()));
    return query.next();
}

Result<int> RepositoryTable::remove(Provider provider, const QString &id)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("DELETE FROM repositories WHERE provider = ? AND repo_id = ?"));
    query.addBindValue(providerId(provider));
    query.addBindValue(id);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot remove repository %1").arg(id), query.lastError()));
    return query.numRowsAffected();
}

Result<int> RepositoryTable::removeByPath(Provider provider, const QString &fullPath)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("DELETE FROM repositories WHERE provider = ? AND full_path = ?"));
    query.addBindValue(providerId(provider));
    query.addBindValue(fullPath);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot remove repository %1").arg(fullPath), query.lastError()));
    return query.numRowsAffected();
}

Result<std::optional<Repository>> RepositoryTable::find(Provider provider, const QString &idOrPath)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT %1 FROM repositories WHERE provider = ? AND (repo_id = ? OR full_path = ?)")
                          .arg(QLatin1String(kRepositoryColumns)));
    query.addBindValue(providerId(provider));
    query.addBindValue(idOrPath);
    query.addBindValue(idOrPath);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot read repository %1").arg(idOrPath), query.lastError()));
    if (!query.next())
        return std::optional<Repository>();
    return repositoryFromRow(query);
}

} // namespace forgelink

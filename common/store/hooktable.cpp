#include "store/hooktable.h"

#include "store/storedprovider.h"

#include <QSqlError>
#include <QSqlQuery>

namespace forgelink {

Result<void> HookTable::record(const HookRecord &hook)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO hooks (provider, repo_id, full_path, kind, hook_id, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                                 " ON CONFLICT (provider, repo_id, kind) DO UPDATE SET hook_id = excluded.hook_id,"
                                 " full_path = excluded.full_path"));
    query.addBindValue(providerId(hook.provider));
    query.addBindValue(hook.repoId);
    query.addBindValue(hook.fullPath);
    query.addBindValue(hook.kind);
    query.addBindValue(hook.hookId);
    query.addBindValue(hook.createdAt.isValid() ? hook.createdAt.toUTC().toString(Qt::ISODateWithMs) : Database::now());
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot record the hook of %1").arg(hook.fullPath), query.lastError()));
    return {};
}

Result<QList<HookRecord>> HookTable::list(std::optional<Provider> provider, const QString &repoId)
{
    QStringList conditions;
    if (provider)
        conditions << QStringLiteral("provider = ?");
    if (!repoId.isEmpty())
        conditions << QStringLiteral("repo_id = ?");
    QSqlQuery query(db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT provider, repo_id, full_path, kind, hook_id, created_at FROM hooks %1 ORDER BY provider, full_path, kind")
                          .arg(conditions.isEmpty() ? QString() : QStringLiteral("WHERE ") + conditions.join(QStringLiteral(" AND "))));
    if (provider)
        query.addBindValue(providerId(*provider));
    if (!repoId.isEmpty())
        query.addBindValue(repoId);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot read hooks"), query.lastError()));
    QList<HookRecord> list;
    while (query.next()) {
        if (const std::optional<Provider> stored = StoredProvider::read(query.value(0), "hooks"))
            list << HookRecord{ *stored, query.value(1).toString(), query.value(2).toString(), query.value(3).toString(),
                                query.value(4).toString(), QDateTime::fromString(query.value(5).toString(), Qt::ISODateWithMs) };
    }
    return list;
}

Result<void> HookTable::remove(Provider provider, const QString &repoId, const QString &kind)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("DELETE FROM hooks WHERE provider = ? AND repo_id = ? AND kind = ?"));
    query.addBindValue(providerId(provider));
    query.addBindValue(repoId);
    query.addBindValue(kind);
    if (!query.exec())
        return fail(m_database.error(QStringLiteral("cannot remove a hook record"), query.lastError()));
    return {};
}

} // namespace forgelink

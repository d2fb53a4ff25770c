#pragma once

#include "core/hookrecord.h"

#include <QStringList>

#include <optional>

#include "core/result.h"
#include "store/database.h"

namespace forgelink {

// The hooks forgelink created, by the provider's ids, so detach removes exactly those.
class HookTable {
public:
    explicit HookTable(Database &database) : m_database(database) { }

    Result<void> record(const HookRecord &hook);
    Result<QList<HookRecord>> list(std::optional<Provider> provider = std::nullopt, const QString &repoId = QString());
    Result<void> remove(Provider provider, const QString &repoId, const QString &kind);

private:
    QSqlDatabase &db() { return m_database.connection(); }

    Database &m_database;
};

} // namespace forgelink

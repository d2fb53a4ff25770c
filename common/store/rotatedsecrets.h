#pragma once

#include "core/provider.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include "core/result.h"
#include "store/database.h"

namespace forgelink {

// Webhook secrets set by a rotation, which override the config's for every agent on the database
// until the config catches up (the first is current, the others still accepted).
class RotatedSecrets {
public:
    explicit RotatedSecrets(Database &database) : m_database(database) { }

    Result<void> set(Provider provider, const QList<QByteArray> &secrets);
    Result<QHash<Provider, QList<QByteArray>>> all();

private:
    QSqlDatabase &db() { return m_database.connection(); }

    Database &m_database;
};

} // namespace forgelink

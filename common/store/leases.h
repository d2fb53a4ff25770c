#pragma once

#include <QSet>
#include <QStringList>

#include "core/result.h"
#include "store/database.h"

namespace forgelink {

// Named leases that agents sharing a database take in turn: the sync, one repository's hooks.
class Leases {
public:
    explicit Leases(Database &database) : m_database(database) { }

    // A lease in the database (not in memory), so agents on one database coordinate: true when
    // `holder` has it now. It lapses after `ttlSeconds` if the holder dies. PostgreSQL: a session
    // lock, which the server releases when a crashed agent's connection goes.
    Result<bool> tryTake(const QString &name, const QString &holder, int ttlSeconds);
    Result<void> release(const QString &name, const QString &holder);
    // "host:pid": how this process names itself as a lock holder.
    static QString thisProcess();

    // The lease of the repository cache: a sync holds it, and so does a delivery recovery, which
    // writes the same rows.
    static constexpr const char *kRepositorySync = "repository-sync";

private:
    QSqlDatabase &db() { return m_database.connection(); }

    Database &m_database;
    QSet<QString> m_held; // PostgreSQL session locks this connection holds
};

} // namespace forgelink

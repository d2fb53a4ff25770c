#include "store/store.h"

namespace forgelink {

Store::Store(std::unique_ptr<Database> database)
    : m_database(std::move(database)), m_outbox(*m_database), m_ledger(*m_database, m_outbox), m_repositories(*m_database), m_syncRuns(*m_database),
      m_hooks(*m_database), m_leases(*m_database), m_rotatedSecrets(*m_database),
      m_redeliveries(*m_database), m_forwardPauses(*m_database), m_refusals(*m_database)
{
}

Result<std::unique_ptr<Store>> Store::open(const DatabaseSettings &settings, const QString &connectionName)
{
    Result<std::unique_ptr<Database>> database = Database::open(settings, connectionName);
    if (!database)
        return fail(database.error());
    return std::unique_ptr<Store>(new Store(std::move(database.value())));
}

Result<void> Store::reconnect()
{
    m_ledger.forgetStatements();
    m_outbox.forgetStatements();
    return m_database->reconnect();
}

} // namespace forgelink

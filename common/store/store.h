#pragma once

#include "core/result.h"
#include "store/database.h"
#include "store/databasesettings.h"
#include "store/deliveryledger.h"
#include "store/forwardpauses.h"
#include "store/hooktable.h"
#include "store/leases.h"
#include "store/outboxtable.h"
#include "store/redeliverylog.h"
#include "store/refusallog.h"
#include "store/repositorytable.h"
#include "store/rotatedsecrets.h"
#include "store/syncrunlog.h"

#include <memory>

namespace forgelink {

// The agent's database: one connection (Database) and a class per concern over it: the ledger of
// deliveries and its outbox, the repository cache and its sync runs, the hooks forgelink created,
// leases, rotated webhook secrets, and what gap recovery asked the providers for. A new concern brings its class and its tables (Schema). One Store
// belongs to the thread that opened it.
class Store {
public:
    using Recorded = DeliveryLedger::Recorded;
    using SyncCounts = RepositoryTable::SyncCounts;
    using SyncRun = SyncRunLog::SyncRun;

    // Opens the database and brings its schema up to date. `connectionName` must be unique per
    // thread.
    static Result<std::unique_ptr<Store>> open(const DatabaseSettings &settings, const QString &connectionName);

    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    DeliveryLedger &ledger() { return m_ledger; }
    OutboxTable &outbox() { return m_outbox; }
    RepositoryTable &repositories() { return m_repositories; }
    SyncRunLog &syncRuns() { return m_syncRuns; }
    HookTable &hooks() { return m_hooks; }
    Leases &leases() { return m_leases; }
    RotatedSecrets &rotatedSecrets() { return m_rotatedSecrets; }
    RedeliveryLog &redeliveries() { return m_redeliveries; }
    ForwardPauses &forwardPauses() { return m_forwardPauses; }
    RefusalLog &refusals() { return m_refusals; }

    Database &database() { return *m_database; }
    bool isPostgres() const { return m_database->isPostgres(); }
    int schemaVersion() const { return m_database->schemaVersion(); }
    Result<void> ping() { return m_database->ping(); }
    Result<void> writeProbe() { return m_database->writeProbe(); }
    // Closes and opens the connection again, after the database went away.
    Result<void> reconnect();

    static QString thisProcess() { return Leases::thisProcess(); }

private:
    explicit Store(std::unique_ptr<Database> database);

    std::unique_ptr<Database> m_database;
    OutboxTable m_outbox;
    DeliveryLedger m_ledger;
    RepositoryTable m_repositories;
    SyncRunLog m_syncRuns;
    HookTable m_hooks;
    Leases m_leases;
    RotatedSecrets m_rotatedSecrets;
    RedeliveryLog m_redeliveries;
    ForwardPauses m_forwardPauses;
    RefusalLog m_refusals;
};

} // namespace forgelink

#include "store/schema.h"

#include "store/deliveryledger.h"
#include "store/hooktable.h"
#include "store/leases.h"
#include "store/outboxtable.h"
#include "store/redeliverylog.h"
#include "store/repositorytable.h"
#include "store/rotatedsecrets.h"
#include "store/syncrunlog.h"

namespace forgelink {

QList<Migration> Schema::migrations()
{
    return {
        { DeliveryLedger::tables(false), DeliveryLedger::tables(true) },
        { RepositoryTable::tables() + SyncRunLog::tables(false) + Leases::tables(),
          RepositoryTable::tables() + SyncRunLog::tables(true) + Leases::tables() },
        { HookTable::tables(), HookTable::tables() },
        { RotatedSecrets::tables(), RotatedSecrets::tables() },
        { OutboxTable::tables(false), OutboxTable::tables(true) },
        { RedeliveryLog::tables(), RedeliveryLog::tables() },
        // A cached page keeps its next link and the listing's total: a 304 without Link must
        // neither end a listing early nor go unnoticed.
        { QStringList{ QStringLiteral("ALTER TABLE api_cache ADD COLUMN next_url TEXT"),
                       QStringLiteral("ALTER TABLE api_cache ADD COLUMN total_count BIGINT") },
          QStringList{ QStringLiteral("ALTER TABLE api_cache ADD COLUMN next_url TEXT"),
                       QStringLiteral("ALTER TABLE api_cache ADD COLUMN total_count BIGINT") } },
    };
}

} // namespace forgelink

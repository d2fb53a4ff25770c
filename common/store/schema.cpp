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
    };
}

} // namespace forgelink

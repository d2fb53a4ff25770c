#include "sync/repositoryeventapplier.h"

#include "providers/providerregistry.h"

namespace forgelink {

QList<RepositoryChange> RepositoryEventApplier::changesFor(const Delivery &delivery)
{
    return ProviderRegistry::get(delivery.provider).repositoryChanges(delivery);
}

Result<int> RepositoryEventApplier::apply(Store &store, const QList<RepositoryChange> &changes)
{
    int changed = 0;
    for (const RepositoryChange &change : changes) {
        switch (change.kind) {
        case RepositoryChange::Kind::Upsert:
            if (Result<void> done = store.repositories().upsert(change.repository); !done)
                return fail(done.error());
            ++changed;
            break;
        case RepositoryChange::Kind::AddIfAbsent: {
            Result<bool> present = store.repositories().contains(change.repository.provider, change.repository.id);
            if (!present)
                return fail(present.error());
            if (present.value())
                break;
            if (Result<void> done = store.repositories().upsert(change.repository); !done)
                return fail(done.error());
            ++changed;
            break;
        }
        case RepositoryChange::Kind::Remove: {
            Result<int> removed = store.repositories().remove(change.repository.provider, change.repository.id);
            if (!removed)
                return fail(removed.error());
            changed += removed.value();
            break;
        }
        }
    }
    return changed;
}

} // namespace forgelink

#pragma once

#include "webhooks/delivery.h"
#include "providers/repository.h"
#include "store/store.h"

namespace forgelink {

// Keeps the repository cache current between syncs from the webhook events that change the set:
// GitHub `repository` (created, renamed, deleted, ...), `installation_repositories` (added,
// removed) and `installation` (created, deleted).
class RepositoryEventApplier {
public:
    struct Change {
        enum class Kind { Upsert, AddIfAbsent, Remove } kind = Kind::Upsert;
        Repository repository; // for Remove only provider and id matter
    };

    static QList<Change> changesFor(const Delivery &delivery);
    // Returns how many cache rows changed.
    static Result<int> apply(Store &store, const QList<Change> &changes);
};

} // namespace forgelink

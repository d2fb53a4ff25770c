#pragma once

#include "core/repository.h"
#include "core/repositorychange.h"
#include "store/store.h"
#include "webhooks/delivery.h"

namespace forgelink {

// Keeps the repository cache current between syncs from the webhook events that change the set
// (GitHub's `repository`, `installation_repositories` and `installation`).
class RepositoryEventApplier {
public:
    // What the delivery's provider says the delivery changes (GitProvider::repositoryChanges).
    static QList<RepositoryChange> changesFor(const Delivery &delivery);
    // Returns how many cache rows changed.
    static Result<int> apply(Store &store, const QList<RepositoryChange> &changes);
};

} // namespace forgelink

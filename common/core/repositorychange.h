#pragma once

#include "core/repository.h"

namespace forgelink {

// A change to the repository cache that a webhook event announces between syncs.
struct RepositoryChange {
    enum class Kind { Upsert, AddIfAbsent, Remove } kind = Kind::Upsert;
    Repository repository; // for Remove only provider and id matter
};

} // namespace forgelink

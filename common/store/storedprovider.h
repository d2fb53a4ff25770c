#pragma once

#include "core/provider.h"

#include <QVariant>

#include <optional>

namespace forgelink {

// A provider id read back from the database. During a rolling upgrade on a shared PostgreSQL a
// newer forgelink may have written rows of a provider this one does not know: such a row is
// skipped (and said once per process, table and id), never read as another provider.
class StoredProvider {
public:
    static std::optional<Provider> read(const QVariant &column, const char *table);
    // "'github', 'gitlab', ...": the ids this forgelink knows, for `provider IN (...)`.
    static QString knownIdList();
};

} // namespace forgelink

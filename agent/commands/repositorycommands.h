#pragma once

#include "core/provider.h"

#include <optional>

namespace forgelink {

class CommandLine;
class Store;

// The repository cache: sync, repos.
class RepositoryCommands {
public:
    static int sync(CommandLine &line);
    static int repos(CommandLine &line);

    // An empty repository cache is a question: says whether a sync ever ran and how to run one.
    static void explainEmptyCache(Store &store, std::optional<Provider> provider);
};

} // namespace forgelink

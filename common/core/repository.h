#pragma once

#include "core/provider.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace forgelink {

// One repository the installation can reach, as the cache keeps it. `id` is the provider's own
// id as a string, so a rename updates the same row. Values the provider's listing does not give
// are empty (null in JSON).
struct Repository {
    Provider provider = Provider::GitHub;
    QString id;
    QString fullPath;
    QString name;
    QString defaultBranch;
    QString visibility;
    std::optional<bool> archived;
    QString webUrl;
    QString cloneUrl;
    std::optional<int> accessLevel; // GitLab's access level, where the listing gives it

    // {"provider","id","fullPath","name","defaultBranch","visibility","archived","webUrl","cloneUrl"}
    QJsonObject toJson() const;
    bool sameData(const Repository &other) const;
};

} // namespace forgelink

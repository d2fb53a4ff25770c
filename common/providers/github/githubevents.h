#pragma once

#include "core/result.h"
#include "json/jsonfields.h"
#include "webhooks/normalizedevent.h"

#include <QList>


namespace forgelink {

struct Delivery;
struct RepositoryChange;

// GitHub's webhook events in forgelink's normalized form: push, create and delete (short refs
// with their type), pull_request (opened, synchronize, closed or merged, reopened), repository
// and installation changes, ping. The repository and installation events also change the
// repository cache between syncs.
class GitHubEvents {
public:
    // `event` is X-GitHub-Event; `payload` the body's top-level object.
    static Result<NormalizedEvents> normalize(const QString &event, JsonFields payload);
    // The cache changes a recorded repository, installation_repositories or installation event
    // announces.
    static QList<RepositoryChange> repositoryChanges(const Delivery &delivery);
};

} // namespace forgelink

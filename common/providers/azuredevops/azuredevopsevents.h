#pragma once

#include "core/result.h"
#include "json/jsonfields.h"
#include "webhooks/normalizedevent.h"


namespace forgelink {

// Azure DevOps' Service Hook events in forgelink's normalized form: git.push (one event per ref
// update) and git.pullrequest.* (completed is merged, abandoned is closed).
class AzureDevOpsEvents {
public:
    // `event` is the body's eventType; `payload` the body's top-level object.
    static Result<NormalizedEvents> normalize(const QString &event, JsonFields payload);
};

} // namespace forgelink

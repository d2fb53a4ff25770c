#pragma once

#include "core/result.h"
#include "json/jsonfields.h"
#include "webhooks/normalizedevent.h"


namespace forgelink {

// GitLab's Push Hook, Tag Push Hook and Merge Request Hook in forgelink's normalized form (a merge
// request update is pull_request_updated only when it carries oldrev, i.e. new commits).
class GitLabEvents {
public:
    // `event` is X-Gitlab-Event; `payload` the body's top-level object.
    static Result<NormalizedEvents> normalize(const QString &event, JsonFields payload);
};

} // namespace forgelink

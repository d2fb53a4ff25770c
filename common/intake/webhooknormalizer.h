#pragma once

#include "core/provider.h"
#include "core/result.h"
#include "json/jsonfields.h"
#include "webhooks/normalizedevent.h"

namespace forgelink {

// Maps a provider's payload to forgelink's normalized events. `event` is the provider's event
// name: X-GitHub-Event, X-Gitlab-Event, X-Event-Key, or Azure DevOps' eventType. Events forgelink
// does not use become one event of kind "other"; a payload missing a field that its event needs
// is an error naming that field. Each provider's mapping is in its folder (GitHubEvents, ...).
class WebhookNormalizer {
public:
    // `payload` must be the body's top-level object.
    static Result<NormalizedEvents> normalize(Provider provider, const QString &event, JsonFields payload);
};

} // namespace forgelink

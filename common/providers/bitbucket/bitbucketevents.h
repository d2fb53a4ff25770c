#pragma once

#include "core/result.h"
#include "json/jsonfields.h"
#include "webhooks/normalizedevent.h"


namespace forgelink {

// Bitbucket Data Center's events in forgelink's normalized form: repo:refs_changed (one event per
// change), the pr: events, diagnostics:ping.
class BitbucketEvents {
public:
    // `event` is X-Event-Key; `payload` the body's top-level object.
    static Result<NormalizedEvents> normalize(const QString &event, JsonFields payload);
};

} // namespace forgelink

#pragma once

#include "core/result.h"
#include "json/jsonfields.h"
#include "webhooks/normalizedevent.h"

namespace forgelink {

// What every provider's normalization shares: how a ref change is named, short branch names,
// the event forgelink does not use.
class EventKinds {
public:
    // A SHA of zeros: the ref did not exist before (or no longer does).
    static bool isZeroSha(const QString &sha);
    static QString shortBranch(const QString &ref);
    // branch_created, push, branch_deleted, tag_created, tag_updated, tag_deleted.
    static QString refChange(const QString &ref, bool created, bool deleted);
    static NormalizedEvent other(const QString &repo = QString());
    // The events, or the first field the payload lacked.
    static Result<NormalizedEvents> checked(const JsonFields &fields, NormalizedEvents events);
};

} // namespace forgelink

#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace forgelink {

// What a provider that never retries a failed webhook delivery (GitHub) offers instead: a check
// that lists its recent deliveries and asks it to send again each one whose every attempt failed
// and that the ledger does not hold. `serve` runs it every few minutes (RecoveryScheduler),
// `forgelink-agent recover PROVIDER` once. One agent at a time checks.
class DeliveryRecovery {
public:
    // What one check found for one delivery (a guid: its first attempt and any redeliveries).
    struct Finding {
        enum class Verdict {
            Delivered,    // an attempt succeeded
            Recorded,     // every attempt failed on GitHub's side, but the ledger has it
            Requested,    // asked GitHub to send it again
            InFlight,     // asked before, and GitHub has not attempted it since
            GaveUp,       // asked kMostRequests times already; it keeps failing
            OutOfReach,   // older than the window, or gone (404)
            Deferred,     // GitHub refused the request this time (400, 422: "spammed"), or the
                          // check's work ran out: asked again at the next check
        };
        QString guid;
        QString event;    // push, pull_request.opened, ...
        int attempts = 0;
        QString lastStatus;       // GitHub's words for the latest attempt: "OK", "Invalid HTTP Response: 503", ...
        QDateTime lastAttemptAt;  // UTC
        Verdict verdict = Verdict::Delivered;
    };
    struct Report {
        QDateTime since;          // the window's start, UTC
        int listed = 0;           // delivery attempts GitHub listed in the window
        QList<Finding> findings;  // every guid with a failed attempt, and those delivered after one
        int requested = 0;
        int outOfReach = 0;
        int deferred = 0;
        int malformed = 0;        // listed entries without an id, guid or time: skipped
        bool skipped = false;     // another agent (or a sync) held the lease
        QString gap;              // set when the last check was longer ago than GitHub keeps deliveries
    };

    // Asked at most this many times per guid: a redelivery the agent itself refuses (a wrong
    // secret) would otherwise be asked for at every check.
    static constexpr int kMostRequests = 3;
    virtual ~DeliveryRecovery() = default;

    // One check: back to the last one, or back `sinceMs` when given. An error leaves the last
    // check where it was, so the next one covers the same window again.
    virtual Result<Report> check(std::optional<qint64> sinceMs = std::nullopt) = 0;

    // delivered, recorded, requested, in-flight, gave-up, out-of-reach, deferred
    static QString verdictName(Finding::Verdict verdict);
};

} // namespace forgelink

#pragma once

#include "config/agentconfig.h"
#include "result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace forgelink {

class Store;

// GitHub's gap recovery: GitHub never retries a webhook delivery that failed (the agent was down,
// a network cut), so the agent lists the App's deliveries (GET /app/hook/deliveries, JWT, newest
// first, cursor pages) back to its last check and asks GitHub to send again every delivery whose
// every attempt failed and that the ledger does not hold (POST /app/hook/deliveries/{id}/attempts).
// The redelivery carries the same X-GitHub-Delivery, so the ledger keeps it once. One agent at a
// time checks: it takes the sync's lease.
class GitHubRecovery {
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
    // Redeliveries asked for in one check at most; the rest wait for the next one. GitHub asks
    // for a second between mutative requests (REST API best practices).
    static constexpr int kMostRequestsPerCheck = 100;
    static constexpr int kPauseBetweenRequestsMs = 1000;

    GitHubRecovery(const AgentConfig &config, Store &store, QString holder);

    // One check: back to the last one (the first time at most 72 hours), or back `since` when
    // given (`forgelink-agent recover github --since 24h`). An error leaves the last check where
    // it was, so the next check covers the same window again.
    Result<Report> check(std::optional<qint64> sinceMs = std::nullopt);

    // How long GitHub keeps deliveries it may redeliver: 3 days on github.com and GitHub
    // Enterprise Cloud with data residency (*.ghe.com), 7 on GitHub Enterprise Server.
    static qint64 retentionMs(const QString &apiUrl);
    static QString verdictName(Finding::Verdict verdict);

private:
    const AgentConfig &m_config;
    Store &m_store;
    QString m_holder;
};

} // namespace forgelink

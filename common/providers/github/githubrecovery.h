#pragma once

#include "core/result.h"
#include "providers/deliveryrecovery.h"
#include "settings/agentconfig.h"

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
class GitHubRecovery : public DeliveryRecovery {
public:
    // Redeliveries asked for in one check at most; the rest wait for the next one. GitHub asks
    // for a second between mutative requests (REST API best practices).
    static constexpr int kMostRequestsPerCheck = 100;
    static constexpr int kPauseBetweenRequestsMs = 1000;

    GitHubRecovery(const AgentConfig &config, Store &store, QString holder);

    // One check: back to the last one (the first time at most 72 hours), or back `since` when
    // given (`forgelink-agent recover github --since 24h`). An error leaves the last check where
    // it was, so the next check covers the same window again.
    Result<Report> check(std::optional<qint64> sinceMs = std::nullopt) override;

    // How long GitHub keeps deliveries it may redeliver: 3 days on github.com and GitHub
    // Enterprise Cloud with data residency (*.ghe.com), 7 on GitHub Enterprise Server.
    static qint64 retentionMs(const QString &apiUrl);

private:
    const AgentConfig &m_config;
    Store &m_store;
    QString m_holder;
};

} // namespace forgelink

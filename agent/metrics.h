#pragma once

#include "store/outboxtable.h"
#include "sync/repositorysync.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <array>

namespace forgelink {

// The agent's counters, gauges and the request latency histogram, rendered in Prometheus' text
// format for GET /metrics.
class Metrics {
public:
    void countDelivery(const QString &provider, const QString &outcome);
    void observeRequest(int status, double seconds);
    void countRefusedConnection() { ++m_refusedConnections; }
    void countEvictedConnection() { ++m_evictedConnections; }
    void observeCommit(int deliveries, bool ok);
    void observeSync(const RepositorySync::ProviderRun &outcome);
    void countForwardAttempt(const QString &target, const QString &result, int count = 1);
    // A forward target's attempt counters start at zero.
    void declareTarget(const QString &target);
    // Every configured target gets its gauges, zero when it has no rows.
    void observeOutbox(const QStringList &targets, const QHash<QString, OutboxTable::TargetCounts> &counts);
    void observePauses(const QStringList &targets, const QStringList &paused);
    // Gauges set by their owners: name plus labels ({provider="gitlab"}) to value.
    void setGauge(const QString &nameAndLabels, double value);
    // An enabled provider's delivery counters start at zero.
    void declareProvider(const QString &provider);
    // When a provider's sync last succeeded (a sync of this process, or the store's record at start).
    void observeLastSuccessfulSync(Provider provider, const QDateTime &at);
    void addCounter(const QString &nameAndLabels, double value);

    QByteArray render(int openConnections) const;

    static constexpr std::array<double, 12> kBuckets = { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                         0.05,   0.1,   0.25,   0.5,   1.0,  5.0 };

private:
    QMap<QPair<QString, QString>, quint64> m_deliveries;
    QMap<int, quint64> m_responses;
    std::array<quint64, kBuckets.size()> m_bucketCounts {};
    quint64 m_requestCount = 0;
    double m_requestSeconds = 0;
    quint64 m_refusedConnections = 0;
    quint64 m_evictedConnections = 0;
    quint64 m_commits = 0;
    quint64 m_failedCommits = 0;
    quint64 m_committedDeliveries = 0;
    QMap<QString, double> m_gauges;
    QMap<QString, double> m_counters;
};

} // namespace forgelink

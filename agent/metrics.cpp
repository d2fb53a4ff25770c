#include "metrics.h"

#include <QDateTime>
#include <QHash>

namespace forgelink {

void Metrics::countDelivery(const QString &provider, const QString &outcome)
{
    ++m_deliveries[{ provider, outcome }];
}

void Metrics::declareProvider(const QString &provider)
{
    // Zero from the start, so that a rate over them (the refused-deliveries alert) has a series.
    for (const char *outcome : { "recorded", "unauthorized" })
        m_deliveries[{ provider, QLatin1String(outcome) }] += 0;
}

void Metrics::observeRequest(int status, double seconds)
{
    ++m_responses[status];
    ++m_requestCount;
    m_requestSeconds += seconds;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i])
            ++m_bucketCounts[i];
    }
}

void Metrics::observeCommit(int deliveries, bool ok)
{
    ++m_commits;
    if (ok)
        m_committedDeliveries += quint64(deliveries);
    else
        ++m_failedCommits;
}

void Metrics::observeSync(const RepositorySync::ProviderRun &outcome)
{
    const QString provider = QStringLiteral("{provider=\"%1\"}").arg(providerId(outcome.provider));
    addCounter(QStringLiteral("forgelink_sync_runs_total{provider=\"%1\",outcome=\"%2\"}")
                       .arg(providerId(outcome.provider), outcome.succeeded ? QStringLiteral("succeeded") : QStringLiteral("failed")),
               1);
    addCounter(QStringLiteral("forgelink_sync_api_calls_total") + provider, outcome.apiCalls);
    addCounter(QStringLiteral("forgelink_sync_rows_written_total") + provider, outcome.counts.rowsWritten());
    setGauge(QStringLiteral("forgelink_sync_last_success") + provider, outcome.succeeded ? 1 : 0);
    setGauge(QStringLiteral("forgelink_sync_last_run_timestamp_seconds") + provider, double(QDateTime::currentSecsSinceEpoch()));
    setGauge(QStringLiteral("forgelink_sync_last_duration_seconds") + provider, double(outcome.elapsedMs) / 1000.0);
    if (outcome.succeeded)
        observeLastSuccessfulSync(outcome.provider, QDateTime::currentDateTimeUtc());
    if (outcome.succeeded)
        setGauge(QStringLiteral("forgelink_sync_repositories") + provider,
                 outcome.counts.added + outcome.counts.updated + outcome.counts.unchanged);
    if (outcome.rateLimitRemaining)
        setGauge(QStringLiteral("forgelink_api_rate_limit_remaining") + provider, double(*outcome.rateLimitRemaining));
}

void Metrics::observeLastSuccessfulSync(Provider provider, const QDateTime &at)
{
    setGauge(QStringLiteral("forgelink_sync_last_success_timestamp_seconds{provider=\"%1\"}").arg(providerId(provider)),
             double(at.toSecsSinceEpoch()));
}

void Metrics::countForwardAttempt(const QString &target, const QString &result, int count)
{
    addCounter(QStringLiteral("forgelink_forward_attempts_total{target=\"%1\",result=\"%2\"}").arg(target, result), count);
}

void Metrics::declareTarget(const QString &target)
{
    for (const char *result : { "delivered", "retry", "dead" })
        countForwardAttempt(target, QLatin1String(result), 0);
    observePauses({ target }, {});
}

void Metrics::observeOutbox(const QStringList &targets, const QHash<QString, OutboxTable::TargetCounts> &counts)
{
    for (const QString &target : targets) {
        const OutboxTable::TargetCounts count = counts.value(target);
        const QString label = QStringLiteral("{target=\"%1\"}").arg(target);
        setGauge(QStringLiteral("forgelink_outbox_pending") + label, double(count.pending));
        setGauge(QStringLiteral("forgelink_outbox_dead") + label, double(count.dead));
        setGauge(QStringLiteral("forgelink_outbox_oldest_pending_age_seconds") + label, double(count.oldestPendingAgeMs) / 1000.0);
    }
}

void Metrics::observePauses(const QStringList &targets, const QStringList &paused)
{
    for (const QString &target : targets)
        setGauge(QStringLiteral("forgelink_forward_paused{target=\"%1\"}").arg(target), paused.contains(target) ? 1 : 0);
}

void Metrics::setGauge(const QString &nameAndLabels, double value)
{
    m_gauges[nameAndLabels] = value;
}

void Metrics::addCounter(const QString &nameAndLabels, double value)
{
    m_counters[nameAndLabels] += value;
}

namespace {

// The HELP text of the counters and gauges kept by name.
QString helpFor(const QString &name)
{
    static const QHash<QString, QString> help{
        { QStringLiteral("forgelink_api_rate_limit_remaining"), QStringLiteral("Requests the provider's API allows until its rate limit resets, as of the last sync.") },
        { QStringLiteral("forgelink_forward_attempts_total"), QStringLiteral("Forward attempts by target and result (delivered, retry, dead).") },
        { QStringLiteral("forgelink_github_recovery_failures_total"), QStringLiteral("GitHub delivery recovery checks that failed.") },
        { QStringLiteral("forgelink_github_redeliveries_requested_total"), QStringLiteral("Redeliveries asked of GitHub for deliveries that failed.") },
        { QStringLiteral("forgelink_outbox_dead"), QStringLiteral("Outbox rows given up (410 or older than maxAgeHours), by target.") },
        { QStringLiteral("forgelink_outbox_oldest_pending_age_seconds"), QStringLiteral("Age of the oldest row waiting for a target.") },
        { QStringLiteral("forgelink_outbox_pending"), QStringLiteral("Outbox rows waiting for a target.") },
        { QStringLiteral("forgelink_forward_paused"), QStringLiteral("1 while the target is paused (forward pause), else 0.") },
        { QStringLiteral("forgelink_sync_api_calls_total"), QStringLiteral("API calls made by repository syncs.") },
        { QStringLiteral("forgelink_sync_last_duration_seconds"), QStringLiteral("How long the last repository sync took.") },
        { QStringLiteral("forgelink_sync_last_run_timestamp_seconds"), QStringLiteral("When the last repository sync ended (Unix seconds).") },
        { QStringLiteral("forgelink_sync_last_success"), QStringLiteral("1 when the last repository sync succeeded, 0 when it failed.") },
        { QStringLiteral("forgelink_sync_last_success_timestamp_seconds"), QStringLiteral("When a repository sync last succeeded (Unix seconds).") },
        { QStringLiteral("forgelink_sync_repositories"), QStringLiteral("Repositories in the cache after the last successful sync.") },
        { QStringLiteral("forgelink_sync_rows_written_total"), QStringLiteral("Cache rows repository syncs added, changed or removed.") },
        { QStringLiteral("forgelink_sync_runs_total"), QStringLiteral("Repository syncs by outcome.") },
    };
    return help.value(name, name);
}

} // namespace

QByteArray Metrics::render(int openConnections) const
{
    QByteArray out;
    auto line = [&out](const QString &text) { out += text.toUtf8() + '\n'; };

    line(QStringLiteral("# HELP forgelink_deliveries_total Webhook deliveries by provider and outcome."));
    line(QStringLiteral("# TYPE forgelink_deliveries_total counter"));
    for (auto it = m_deliveries.cbegin(); it != m_deliveries.cend(); ++it)
        line(QStringLiteral("forgelink_deliveries_total{provider=\"%1\",outcome=\"%2\"} %3")
                     .arg(it.key().first, it.key().second)
                     .arg(it.value()));

    line(QStringLiteral("# HELP forgelink_http_responses_total HTTP responses by status code."));
    line(QStringLiteral("# TYPE forgelink_http_responses_total counter"));
    for (auto it = m_responses.cbegin(); it != m_responses.cend(); ++it)
        line(QStringLiteral("forgelink_http_responses_total{code=\"%1\"} %2").arg(it.key()).arg(it.value()));

    line(QStringLiteral("# HELP forgelink_http_request_duration_seconds Time from a request's first byte to its answer."));
    line(QStringLiteral("# TYPE forgelink_http_request_duration_seconds histogram"));
    for (size_t i = 0; i < kBuckets.size(); ++i)
        line(QStringLiteral("forgelink_http_request_duration_seconds_bucket{le=\"%1\"} %2").arg(kBuckets[i]).arg(m_bucketCounts[i]));
    line(QStringLiteral("forgelink_http_request_duration_seconds_bucket{le=\"+Inf\"} %1").arg(m_requestCount));
    line(QStringLiteral("forgelink_http_request_duration_seconds_sum %1").arg(m_requestSeconds, 0, 'f', 6));
    line(QStringLiteral("forgelink_http_request_duration_seconds_count %1").arg(m_requestCount));

    line(QStringLiteral("# HELP forgelink_http_open_connections Client connections open now."));
    line(QStringLiteral("# TYPE forgelink_http_open_connections gauge"));
    line(QStringLiteral("forgelink_http_open_connections %1").arg(openConnections));
    line(QStringLiteral("# HELP forgelink_http_refused_connections_total Connections refused while every connection was handling a request, or while stopping."));
    line(QStringLiteral("# TYPE forgelink_http_refused_connections_total counter"));
    line(QStringLiteral("forgelink_http_refused_connections_total %1").arg(m_refusedConnections));
    line(QStringLiteral("# HELP forgelink_http_evicted_connections_total Connections closed at the limit to make room (the one idle the longest)."));
    line(QStringLiteral("# TYPE forgelink_http_evicted_connections_total counter"));
    line(QStringLiteral("forgelink_http_evicted_connections_total %1").arg(m_evictedConnections));

    line(QStringLiteral("# HELP forgelink_store_commits_total Database transactions that recorded deliveries."));
    line(QStringLiteral("# TYPE forgelink_store_commits_total counter"));
    line(QStringLiteral("forgelink_store_commits_total{outcome=\"ok\"} %1").arg(m_commits - m_failedCommits));
    line(QStringLiteral("forgelink_store_commits_total{outcome=\"failed\"} %1").arg(m_failedCommits));
    line(QStringLiteral("# HELP forgelink_store_committed_deliveries_total Deliveries written by successful commits."));
    line(QStringLiteral("# TYPE forgelink_store_committed_deliveries_total counter"));
    line(QStringLiteral("forgelink_store_committed_deliveries_total %1").arg(m_committedDeliveries));

    QString lastName;
    for (auto it = m_counters.cbegin(); it != m_counters.cend(); ++it) {
        const QString name = it.key().section(QLatin1Char('{'), 0, 0);
        if (name != lastName) {
            line(QStringLiteral("# HELP %1 %2").arg(name, helpFor(name)));
            line(QStringLiteral("# TYPE %1 counter").arg(name));
        }
        lastName = name;
        line(QStringLiteral("%1 %2").arg(it.key()).arg(it.value(), 0, 'g', 12));
    }
    for (auto it = m_gauges.cbegin(); it != m_gauges.cend(); ++it) {
        const QString name = it.key().section(QLatin1Char('{'), 0, 0);
        if (name != lastName) {
            line(QStringLiteral("# HELP %1 %2").arg(name, helpFor(name)));
            line(QStringLiteral("# TYPE %1 gauge").arg(name));
        }
        lastName = name;
        line(QStringLiteral("%1 %2").arg(it.key()).arg(it.value(), 0, 'g', 12));
    }
    return out;
}

} // namespace forgelink

#include "providers/github/githubrecovery.h"
#include "log/counted.h"

#include "log/logfields.h"
#include "providers/github/githubappauth.h"
#include "providers/repositorylister.h"
#include "store/store.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrl>

Q_LOGGING_CATEGORY(lcRecovery, "forgelink.recovery", QtInfoMsg)

namespace forgelink {

namespace {

constexpr qint64 kHourMs = 60 * 60 * 1000;
// The first check looks back this far.
constexpr qint64 kFirstWindowMs = 72 * kHourMs;
// Each check looks back a little before the last one: a delivery that failed while it ran.
constexpr qint64 kOverlapMs = 15 * 60 * 1000;
// A request GitHub has not acted on after this long is made again.
constexpr qint64 kLostRequestMs = 30 * 60 * 1000;
constexpr int kLeaseSeconds = 15 * 60;
constexpr int kMostPages = 1000; // 100,000 attempts: more than GitHub keeps for any App

// One attempt, as GitHub lists it.
struct Attempt {
    qint64 id = 0;
    QString guid;
    QDateTime at;
    QString status;
    QString event;
};

QString describeDuration(qint64 ms)
{
    if (ms >= 48 * kHourMs)
        return QStringLiteral("%1 days").arg(double(ms) / (24 * kHourMs), 0, 'f', 1);
    return QStringLiteral("%1 hours").arg(double(ms) / kHourMs, 0, 'f', 1);
}

} // namespace

GitHubRecovery::GitHubRecovery(const AgentConfig &config, Store &store, QString holder)
    : m_config(config), m_store(store), m_holder(std::move(holder))
{
}

qint64 GitHubRecovery::retentionMs(const QString &apiUrl)
{
    // github.com's API is api.github.com; GitHub Enterprise Server answers at https://HOST/api/v3.
    const QString host = QUrl(apiUrl).host().toLower();
    const bool hostedByGitHub = host == u"api.github.com" || host.endsWith(QLatin1String(".ghe.com"));
    return (hostedByGitHub ? 3 : 7) * 24 * kHourMs;
}


Result<GitHubRecovery::Report> GitHubRecovery::check(std::optional<qint64> sinceMs)
{
    const std::optional<GitHubSettings> enabled = m_config.settingsOf<GitHubSettings>(Provider::GitHub);
    if (!enabled)
        return fail(QStringLiteral("github is not enabled in the config"));
    const GitHubSettings &github = *enabled;
    Result<GitHubAppAuth> auth = GitHubAppAuth::fromSettings(github);
    if (!auth)
        return fail(auth.error());

    Report report;
    const QString lease = QString::fromLatin1(Leases::kRepositorySync);
    Result<bool> leased = m_store.leases().tryTake(lease, m_holder, kLeaseSeconds);
    if (!leased)
        return fail(leased.error());
    if (!leased.value()) {
        report.skipped = true;
        return report;
    }
    struct Release {
        Store &store;
        QString name, holder;
        ~Release() { (void)store.leases().release(name, holder); }
    } release{ m_store, lease, m_holder };

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Result<std::optional<qint64>> last = m_store.redeliveries().lastCheck(Provider::GitHub);
    if (!last)
        return fail(last.error());
    const qint64 reach = now - retentionMs(github.apiUrl);
    qint64 windowStart = sinceMs ? now - *sinceMs : last.value() ? *last.value() - kOverlapMs : now - kFirstWindowMs;
    windowStart = std::max(windowStart, reach);
    report.since = QDateTime::fromMSecsSinceEpoch(windowStart, Qt::UTC);
    if (!sinceMs && last.value() && *last.value() < reach)
        report.gap = QStringLiteral("the last check was %1 ago, longer than GitHub keeps deliveries (%2): failed deliveries from before %3 "
                                    "cannot be recovered")
                             .arg(describeDuration(now - *last.value()), describeDuration(now - reach),
                                  QDateTime::fromMSecsSinceEpoch(reach, Qt::UTC).toString(Qt::ISODate));
    // The first check, or one after a long gap, reads all GitHub still lists, to count what lies
    // beyond the window.
    const bool countBeyond = !last.value() || *last.value() < reach;

    ApiClient client(RepositoryLister::apiSettings(github.apiUrl, m_config.network));
    QHash<QString, QList<Attempt>> byGuid;
    QString url = QStringLiteral("/app/hook/deliveries?per_page=100");
    for (int page = 1; !url.isEmpty(); ++page) {
        if (page > kMostPages)
            return fail(QStringLiteral("GitHub listed more than %1 pages of deliveries").arg(kMostPages));
        Result<ApiClient::Headers> headers = auth->appHeaders();
        if (!headers)
            return fail(headers.error());
        Result<ApiClient::Response> response = client.get(url, headers.value());
        if (!response)
            return fail(response.error());
        if (response->status != 200)
            return fail(QStringLiteral("GitHub refused to list the App's webhook deliveries: %1%2")
                                .arg(ApiClient::describe(*response),
                                     response->status == 401 ? QStringLiteral(" (check the App ID and the private key)") : QString()));
        const QJsonDocument document = QJsonDocument::fromJson(response->body);
        if (!document.isArray())
            return fail(QStringLiteral("GitHub's deliveries page %1 is not a JSON array").arg(page));
        bool olderThanWindow = false;
        for (const QJsonValue &value : document.array()) {
            const QJsonObject item = value.toObject();
            Attempt attempt;
            attempt.id = qint64(item.value(QStringLiteral("id")).toDouble());
            attempt.guid = item.value(QStringLiteral("guid")).toString();
            attempt.at = QDateTime::fromString(item.value(QStringLiteral("delivered_at")).toString(), Qt::ISODate).toUTC();
            attempt.status = item.value(QStringLiteral("status")).toString();
            attempt.event = item.value(QStringLiteral("event")).toString();
            const QString action = item.value(QStringLiteral("action")).toString();
            if (!action.isEmpty())
                attempt.event += QLatin1Char('.') + action;
            if (attempt.id <= 0 || attempt.guid.isEmpty() || !attempt.at.isValid()) {
                ++report.malformed; // one bad entry must not stop the recovery of the others
                continue;
            }
            const bool inWindow = attempt.at.toMSecsSinceEpoch() >= windowStart;
            olderThanWindow |= !inWindow;
            if (inWindow)
                ++report.listed;
            if (inWindow || countBeyond)
                byGuid[attempt.guid] << attempt;
        }
        // Newest first: a page that reaches past the window ends the listing.
        if (olderThanWindow && !countBeyond)
            break;
        url = RepositoryLister::nextLink(response->header("Link"));
    }
    if (report.malformed > 0)
        qCWarning(lcRecovery).noquote() << "GitHub listed" << report.malformed << "deliveries without an id, guid or delivered_at; skipped";

    // Every guid with a failed attempt, oldest first.
    QList<Finding> findings;
    QHash<QString, qint64> latestId;
    for (auto it = byGuid.cbegin(); it != byGuid.cend(); ++it) {
        const QList<Attempt> &attempts = it.value();
        bool delivered = false;
        const Attempt *latest = &attempts.first();
        for (const Attempt &attempt : attempts) {
            delivered |= attempt.status == u"OK";
            if (attempt.at > latest->at)
                latest = &attempt;
        }
        if (delivered && attempts.size() == 1)
            continue; // the common case: delivered at once
        Finding finding;
        finding.guid = it.key();
        finding.event = latest->event;
        finding.attempts = int(attempts.size());
        finding.lastStatus = latest->status;
        finding.lastAttemptAt = latest->at;
        finding.verdict = delivered ? Finding::Verdict::Delivered : Finding::Verdict::Requested;
        latestId.insert(finding.guid, latest->id);
        findings << finding;
    }
    std::sort(findings.begin(), findings.end(), [](const Finding &a, const Finding &b) { return a.lastAttemptAt < b.lastAttemptAt; });

    QStringList failedGuids;
    for (const Finding &finding : std::as_const(findings)) {
        if (finding.verdict != Finding::Verdict::Delivered)
            failedGuids << finding.guid;
    }
    Result<QHash<QString, RedeliveryLog::Request>> requests = m_store.redeliveries().requests(Provider::GitHub, failedGuids);
    if (!requests)
        return fail(requests.error());

    const LogFields provider{ { "provider", QStringLiteral("github") } };
    // The next check's window must still hold every delivery this one left open: asked for and
    // not yet attempted again, or not asked for at all.
    qint64 keepFrom = now;
    auto keepOpen = [&keepFrom](const Finding &finding) { keepFrom = std::min(keepFrom, finding.lastAttemptAt.toMSecsSinceEpoch()); };
    int posted = 0;
    for (Finding &finding : findings) {
        if (finding.verdict == Finding::Verdict::Delivered)
            continue;
        const LogFields delivery{ { "deliveryId", finding.guid } };
        Result<std::optional<Delivery>> recorded = m_store.ledger().find(Provider::GitHub, finding.guid);
        if (!recorded)
            return fail(recorded.error());
        if (recorded->has_value()) {
            finding.verdict = Finding::Verdict::Recorded; // GitHub gave up waiting, but the agent committed it
            continue;
        }
        if (finding.lastAttemptAt.toMSecsSinceEpoch() < windowStart) {
            finding.verdict = Finding::Verdict::OutOfReach;
            ++report.outOfReach;
            continue;
        }
        const RedeliveryLog::Request asked = requests->value(finding.guid);
        if (asked.count >= kMostRequests) {
            finding.verdict = Finding::Verdict::GaveUp;
            qCWarning(lcRecovery).noquote() << "GitHub delivery" << finding.guid << "(" << finding.event << ") failed again after" << asked.count
                                            << "redeliveries (last:" << finding.lastStatus << "); not asking again: check why the agent refuses it";
            continue;
        }
        // GitHub names attempts to the second: an attempt in the second of the request came after it.
        const qint64 requestedSecond = asked.requestedAtMs - asked.requestedAtMs % 1000;
        if (requestedSecond > finding.lastAttemptAt.toMSecsSinceEpoch() && now - asked.requestedAtMs < kLostRequestMs) {
            finding.verdict = Finding::Verdict::InFlight;
            keepOpen(finding); // asked again after kLostRequestMs if GitHub never acts on it
            continue;
        }
        if (posted >= kMostRequestsPerCheck) {
            finding.verdict = Finding::Verdict::Deferred;
            ++report.deferred;
            keepOpen(finding);
            continue;
        }
        if (posted > 0)
            client.pause(kPauseBetweenRequestsMs);
        if (m_config.network.cancelled())
            return fail(QStringLiteral("cancelled"));
        ++posted;
        Result<ApiClient::Headers> headers = auth->appHeaders();
        if (!headers)
            return fail(headers.error());
        Result<ApiClient::Response> response =
                client.request("POST", QStringLiteral("/app/hook/deliveries/%1/attempts").arg(latestId.value(finding.guid)), headers.value());
        if (!response)
            return fail(response.error());
        if (response->status == 404) {
            // Gone: GitHub no longer knows the delivery.
            finding.verdict = Finding::Verdict::OutOfReach;
            ++report.outOfReach;
            qCWarning(lcRecovery).noquote() << "GitHub will not redeliver" << finding.guid << ":" << ApiClient::describe(*response);
            continue;
        }
        if (response->status < 200 || response->status >= 300) {
            // 400 and 422 (also "the endpoint has been spammed") concern this request: the others
            // go on, and this delivery is asked for again at the next check.
            finding.verdict = Finding::Verdict::Deferred;
            ++report.deferred;
            keepOpen(finding);
            qCWarning(lcRecovery).noquote() << "GitHub refused to redeliver" << finding.guid << "this time; asking again at the next check:"
                                            << ApiClient::describe(*response);
            continue;
        }
        if (Result<void> noted = m_store.redeliveries().noteRequest(Provider::GitHub, finding.guid, now); !noted)
            return fail(noted.error());
        finding.verdict = Finding::Verdict::Requested;
        keepOpen(finding);
        ++report.requested;
        qCInfo(lcRecovery).noquote() << QStringLiteral("asked GitHub to redeliver %1 (%2, %3, last: %4)")
                                                .arg(finding.guid, finding.event,
                                                     counted(finding.attempts, QStringLiteral("failed attempt"), QStringLiteral("failed attempts")),
                                                     finding.lastStatus);
    }
    report.findings = findings;

    // A check by hand that looked back less far than the last one leaves the last one alone.
    // The next window starts kOverlapMs before the last check: from the oldest open delivery on.
    if (!sinceMs || !last.value() || windowStart <= *last.value()) {
        if (Result<void> noted = m_store.redeliveries().setLastCheck(Provider::GitHub, std::max(keepFrom, windowStart)); !noted)
            return fail(noted.error());
    }
    (void)m_store.redeliveries().forgetBefore(now - 2 * retentionMs(github.apiUrl));
    return report;
}

} // namespace forgelink

#include "store/outboxqueue.h"

#include <algorithm>

namespace forgelink {

namespace {
constexpr qint64 kFullReadEveryMs = 1000;
}

void OutboxQueue::beginFullRead()
{
    m_repositories.clear();
    m_lastSeenId = 0;
}

void OutboxQueue::endFullRead(qint64 nowMs, qint64 tookMs)
{
    m_fullReadAtMs = nowMs + std::max(kFullReadEveryMs, 10 * tookMs);
}

void OutboxQueue::add(const QString &repo, const Pending &row)
{
    QList<Pending> &rows = m_repositories[repo];
    // Rows come after the ones known, but for a row number SQLite gave again (after the newest
    // rows were deleted): it goes to its place, and a known one is not added twice.
    const auto at = std::lower_bound(rows.begin(), rows.end(), row.id, [](const Pending &known, qint64 id) { return known.id < id; });
    if (at != rows.end() && at->id == row.id)
        at->nextAttemptAtMs = row.nextAttemptAtMs;
    else
        rows.insert(at, row);
    m_lastSeenId = std::max(m_lastSeenId, row.id);
}

void OutboxQueue::remove(const QString &repo, qint64 id)
{
    const auto found = m_repositories.find(repo);
    if (found == m_repositories.end())
        return;
    QList<Pending> &rows = found.value();
    // Nearly always the first: rows leave a repository from its head.
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (rows.at(i).id == id) {
            rows.remove(i);
            break;
        }
    }
    if (rows.isEmpty())
        m_repositories.erase(found);
}

void OutboxQueue::setNextAttempt(const QString &repo, qint64 id, qint64 nextAttemptAtMs)
{
    const auto found = m_repositories.find(repo);
    if (found == m_repositories.end())
        return;
    for (Pending &row : found.value()) {
        if (row.id == id) {
            row.nextAttemptAtMs = nextAttemptAtMs;
            return;
        }
    }
}

void OutboxQueue::releaseBackoff(qint64 nowMs)
{
    for (QList<Pending> &rows : m_repositories) {
        for (Pending &row : rows)
            row.nextAttemptAtMs = std::min(row.nextAttemptAtMs, nowMs);
    }
}

void OutboxQueue::clear()
{
    m_repositories.clear();
    m_lastSeenId = 0;
    m_fullReadAtMs.reset();
}

} // namespace forgelink

#include "refusaltally.h"

namespace forgelink {

void RefusalTally::add(Provider provider, const QString &reason, qint64 atMs, const std::function<QString()> &deliveryId)
{
    std::pair<Provider, QString> key{ provider, reason.left(200) };
    if (!m_refusals.contains(key) && m_refusals.size() >= kMostReasons)
        key.second = QStringLiteral("(other reasons)");
    auto found = m_refusals.find(key);
    if (found == m_refusals.end())
        found = m_refusals.insert(key, RefusalLog::Refusal{ provider, key.second, 0, 0, deliveryId() });
    ++found->count;
    found->lastAtMs = atMs;
}

QList<RefusalLog::Refusal> RefusalTally::take()
{
    QList<RefusalLog::Refusal> taken = m_refusals.values();
    m_refusals.clear();
    return taken;
}

} // namespace forgelink

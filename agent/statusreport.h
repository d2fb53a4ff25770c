#pragma once

#include "core/result.h"
#include "settings/agentconfig.h"

#include <QJsonObject>
#include <QStringList>
#include <QTextStream>

namespace forgelink {

class Store;

// `forgelink-agent status`: per provider the last sync, the repositories and hooks, the
// deliveries of the last 24 hours; the outbox per target; the store. What needs attention is
// named (a sync that failed or is old, dead outbox rows, a backlog), so the command can serve as
// a check: exit 1 then.
class StatusReport {
public:
    // Unauthorized refusals this recent need attention.
    static constexpr qint64 kRefusalWindowMs = 24LL * 3600 * 1000;
    // A sync older than this needs attention (the daily one missed twice).
    static constexpr qint64 kSyncStaleMs = 48LL * 60 * 60 * 1000;
    // An outbox row pending longer than this too.
    static constexpr qint64 kBacklogMs = 60LL * 60 * 1000;

    static Result<StatusReport> collect(const AgentConfig &config, Store &store);

    QJsonObject toJson() const { return m_json; }
    void print(QTextStream &out) const;
    QStringList attention() const { return m_attention; }

private:
    QJsonObject m_json;
    QStringList m_attention;
};

} // namespace forgelink

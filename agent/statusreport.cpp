#include "statusreport.h"

#include "forward/forwardrouter.h"
#include "log/counted.h"
#include "providers/providerregistry.h"

#include "store/store.h"
#include "texttable.h"

#include <QDateTime>
#include <QJsonArray>

namespace forgelink {

namespace {

QString age(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("-");
    if (ms < 2 * 60 * 1000)
        return QStringLiteral("%1 s").arg(ms / 1000);
    if (ms < 2 * 60 * 60 * 1000)
        return QStringLiteral("%1 min").arg(ms / 60000);
    if (ms < 48LL * 60 * 60 * 1000)
        return QStringLiteral("%1 h").arg(ms / 3600000);
    return QStringLiteral("%1 days").arg(ms / 86400000);
}

} // namespace

Result<StatusReport> StatusReport::collect(const AgentConfig &config, Store &store)
{
    StatusReport report;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 nowMs = now.toMSecsSinceEpoch();

    Result<QList<Store::SyncRun>> runs = store.syncRuns().latest();
    Result<QHash<Provider, QDateTime>> succeeded = store.syncRuns().lastSucceeded();
    Result<QList<Repository>> repositories = store.repositories().list();
    Result<QList<HookRecord>> hooks = store.hooks().list();
    Result<QHash<Provider, qint64>> deliveries = store.ledger().countSince(now.addDays(-1).toString(Qt::ISODateWithMs));
    Result<QHash<QString, OutboxTable::TargetCounts>> outbox = store.outbox().counts(nowMs);
    Result<QList<RefusalLog::Refusal>> refusals = store.refusals().since(nowMs - kRefusalWindowMs);
    for (const QString &error : { runs ? QString() : runs.error(), succeeded ? QString() : succeeded.error(),
                                  repositories ? QString() : repositories.error(), hooks ? QString() : hooks.error(),
                                  deliveries ? QString() : deliveries.error(), outbox ? QString() : outbox.error(),
                                  refusals ? QString() : refusals.error() }) {
        if (!error.isEmpty())
            return fail(error);
    }

    QJsonArray providers;
    for (Provider provider : config.enabledProviders()) {
        const QString id = providerId(provider);
        QJsonObject entry{ { QStringLiteral("provider"), id } };
        int cached = 0;
        for (const Repository &repository : repositories.value())
            cached += repository.provider == provider;
        int attached = 0;
        for (const HookRecord &hook : hooks.value())
            attached += hook.provider == provider;
        entry.insert(QStringLiteral("repositories"), cached);
        entry.insert(QStringLiteral("hooks"), attached);
        entry.insert(QStringLiteral("deliveries24h"), double(deliveries->value(provider)));
        for (const Store::SyncRun &run : runs.value()) {
            if (run.provider != provider)
                continue;
            entry.insert(QStringLiteral("lastSync"), QJsonObject{ { QStringLiteral("startedAt"), run.startedAt.toUTC().toString(Qt::ISODate) },
                                                                  { QStringLiteral("outcome"), run.outcome },
                                                                  { QStringLiteral("added"), run.counts.added },
                                                                  { QStringLiteral("updated"), run.counts.updated },
                                                                  { QStringLiteral("removed"), run.counts.removed },
                                                                  { QStringLiteral("error"), run.error } });
            if (run.outcome == u"failed")
                report.m_attention << QStringLiteral("%1: the last sync failed: %2").arg(id, run.error);
        }
        // Refused as unauthorized: most often a secret that does not match the provider's.
        QJsonArray refused;
        for (const RefusalLog::Refusal &refusal : refusals.value()) {
            if (refusal.provider != provider)
                continue;
            const QString at = QDateTime::fromMSecsSinceEpoch(refusal.lastAtMs, Qt::UTC).toString(Qt::ISODate);
            refused.append(QJsonObject{ { QStringLiteral("status"), 401 },
                                        { QStringLiteral("reason"), refusal.reason },
                                        { QStringLiteral("count"), double(refusal.count) },
                                        { QStringLiteral("lastAt"), at },
                                        { QStringLiteral("lastDeliveryId"), refusal.lastDeliveryId.isEmpty() ? QJsonValue() : QJsonValue(refusal.lastDeliveryId) } });
            report.m_attention << QStringLiteral("%1: %2 refused in the last 24 hours: 401 %3 (the last at %4%5)")
                                          .arg(id, counted(refusal.count, QStringLiteral("delivery"), QStringLiteral("deliveries")), refusal.reason, at,
                                               refusal.lastDeliveryId.isEmpty() ? QString() : QStringLiteral(", delivery ") + refusal.lastDeliveryId);
        }
        entry.insert(QStringLiteral("refused24h"), refused);
        const QDateTime last = succeeded->value(provider);
        if (last.isValid())
            entry.insert(QStringLiteral("lastSuccessfulSync"), last.toString(Qt::ISODate));
        if (!last.isValid())
            report.m_attention << QStringLiteral("%1: no sync has succeeded yet (forgelink-agent sync)").arg(id);
        else if (last.msecsTo(now) > kSyncStaleMs)
            report.m_attention << QStringLiteral("%1: the last successful sync was %2 ago").arg(id, age(last.msecsTo(now)));
        providers.append(entry);
    }

    Result<QHash<QString, ForwardPauses::Pause>> pauses = store.forwardPauses().all();
    if (!pauses)
        return fail(pauses.error());
    // Delivery recovery (GitHub's): a check that keeps failing lets failed deliveries age out of
    // the provider's reach unnoticed.
    for (Provider provider : config.enabledProviders()) {
        if (ProviderRegistry::get(provider).recoverySchedule(config).everyMs <= 0)
            continue;
        Result<std::optional<RedeliveryLog::Failure>> failed = store.redeliveries().failure(provider);
        if (!failed)
            return fail(failed.error());
        if (failed->has_value())
            report.m_attention << QStringLiteral("%1: delivery recovery failed at %2: %3")
                                          .arg(providerId(provider), QDateTime::fromMSecsSinceEpoch((*failed)->failedAtMs, Qt::UTC).toString(Qt::ISODate),
                                               (*failed)->error);
    }

    QJsonArray targets;
    for (const ForwardTarget &target : config.forward) {
        const OutboxTable::TargetCounts counts = outbox->value(target.name);
        const auto pause = pauses->constFind(target.name);
        const bool paused = pause != pauses->constEnd();
        targets.append(QJsonObject{ { QStringLiteral("target"), target.name },
                                    { QStringLiteral("paused"), paused },
                                    { QStringLiteral("pending"), double(counts.pending) },
                                    { QStringLiteral("dead"), double(counts.dead) },
                                    { QStringLiteral("oldestPendingAgeSeconds"), double(counts.oldestPendingAgeMs / 1000) } });
        if (paused) {
            // Paused on purpose: that is what to say, not the backlog it makes.
            report.m_attention << QStringLiteral("outbox %1: paused since %2%3; %4 pending (forgelink-agent forward resume %1)")
                                          .arg(target.name, QDateTime::fromMSecsSinceEpoch(pause->pausedAtMs, Qt::UTC).toString(Qt::ISODate),
                                               pause->reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(pause->reason))
                                          .arg(counts.pending);
            if (counts.dead > 0)
                report.m_attention << QStringLiteral("outbox %1: %2 (forgelink-agent outbox --target %1 --state dead; redeliver --dead)")
                                              .arg(target.name, counted(counts.dead, QStringLiteral("dead delivery"), QStringLiteral("dead deliveries")));
            continue;
        }
        if (counts.dead > 0)
            report.m_attention << QStringLiteral("outbox %1: %2 (forgelink-agent outbox --target %1 --state dead; redeliver --dead)")
                                          .arg(target.name, counted(counts.dead, QStringLiteral("dead delivery"), QStringLiteral("dead deliveries")));
        if (counts.pending > 0 && counts.oldestPendingAgeMs > kBacklogMs)
            report.m_attention << QStringLiteral("outbox %1: %2 pending, the oldest for %3").arg(target.name).arg(counts.pending).arg(age(counts.oldestPendingAgeMs));
    }

    if (config.forward.isEmpty())
        report.m_attention << ForwardRouter::noTargetProblem();
    Result<qint64> total = store.ledger().count();
    report.m_json = QJsonObject{ { QStringLiteral("store"), QJsonObject{ { QStringLiteral("database"), config.database.displayName() },
                                                                         { QStringLiteral("schemaVersion"), store.schemaVersion() },
                                                                         { QStringLiteral("deliveries"), double(total ? total.value() : -1) } } },
                                 { QStringLiteral("providers"), providers },
                                 { QStringLiteral("outbox"), targets },
                                 { QStringLiteral("attention"), QJsonArray::fromStringList(report.m_attention) } };
    return report;
}

void StatusReport::print(QTextStream &out) const
{
    const QJsonObject store = m_json.value(QStringLiteral("store")).toObject();
    out << "store: " << store.value(QStringLiteral("database")).toString() << " (schema " << store.value(QStringLiteral("schemaVersion")).toInt()
        << ", " << counted(qint64(store.value(QStringLiteral("deliveries")).toDouble()), QStringLiteral("delivery"), QStringLiteral("deliveries"))
        << " kept)\n\n";
    TextTable providers({ QStringLiteral("PROVIDER"), QStringLiteral("LAST SYNC"), QStringLiteral("OUTCOME"), QStringLiteral("REPOSITORIES"),
                          QStringLiteral("HOOKS"), QStringLiteral("DELIVERIES 24H") });
    for (const QJsonValue &value : m_json.value(QStringLiteral("providers")).toArray()) {
        const QJsonObject entry = value.toObject();
        const QJsonObject sync = entry.value(QStringLiteral("lastSync")).toObject();
        providers.addRow({ entry.value(QStringLiteral("provider")).toString(),
                           sync.isEmpty() ? QStringLiteral("never") : sync.value(QStringLiteral("startedAt")).toString(),
                           sync.isEmpty() ? QStringLiteral("-") : sync.value(QStringLiteral("outcome")).toString(),
                           QString::number(entry.value(QStringLiteral("repositories")).toInt()),
                           QString::number(entry.value(QStringLiteral("hooks")).toInt()),
                           QString::number(qint64(entry.value(QStringLiteral("deliveries24h")).toDouble())) });
    }
    providers.print(out);
    const QJsonArray targets = m_json.value(QStringLiteral("outbox")).toArray();
    if (!targets.isEmpty()) {
        out << '\n';
        TextTable outbox({ QStringLiteral("FORWARD TARGET"), QStringLiteral("PENDING"), QStringLiteral("DEAD"), QStringLiteral("OLDEST PENDING") });
        for (const QJsonValue &value : targets) {
            const QJsonObject entry = value.toObject();
            const qint64 pending = qint64(entry.value(QStringLiteral("pending")).toDouble());
            outbox.addRow({ entry.value(QStringLiteral("target")).toString(), QString::number(pending),
                            QString::number(qint64(entry.value(QStringLiteral("dead")).toDouble())),
                            pending > 0 ? age(qint64(entry.value(QStringLiteral("oldestPendingAgeSeconds")).toDouble()) * 1000) : QStringLiteral("-") });
        }
        outbox.print(out);
    }
    out << '\n';
    if (m_attention.isEmpty()) {
        out << "nothing needs attention\n";
        return;
    }
    out << "needs attention:\n";
    for (const QString &line : m_attention)
        out << "  - " << line << '\n';
}

} // namespace forgelink

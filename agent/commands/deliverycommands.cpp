#include "commands/deliverycommands.h"

#include "commandline.h"
#include "forward/redelivery.h"
#include "log/counted.h"
#include "log/logformat.h"
#include "providers/deliveryrecovery.h"
#include "providers/providerregistry.h"
#include "store/store.h"
#include "texttable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace forgelink {

namespace {

// "24h", "90m", "2d": how far back, in milliseconds.
std::optional<qint64> parseLookBack(const QString &text)
{
    if (text.size() < 2)
        return std::nullopt;
    bool ok = false;
    const double amount = text.chopped(1).toDouble(&ok);
    if (!ok || amount <= 0)
        return std::nullopt;
    const QChar unit = text.back();
    const double unitMs = unit == u'm' ? 60e3 : unit == u'h' ? 3600e3 : unit == u'd' ? 86400e3 : 0;
    if (unitMs == 0)
        return std::nullopt;
    return qint64(amount * unitMs);
}

QString verdictText(DeliveryRecovery::Finding::Verdict verdict, const QString &provider)
{
    using Verdict = DeliveryRecovery::Finding::Verdict;
    switch (verdict) {
    case Verdict::Delivered:
        return QStringLiteral("delivered by a later attempt");
    case Verdict::Recorded:
        return QStringLiteral("recorded by the agent (%1 did not see the answer in time); nothing to ask").arg(provider);
    case Verdict::Requested:
        return QStringLiteral("asked %1 to redeliver it").arg(provider);
    case Verdict::InFlight:
        return QStringLiteral("redelivery asked for earlier, not attempted yet; not asked again");
    case Verdict::GaveUp:
        return QStringLiteral("still failing after %1 redeliveries; not asked again").arg(DeliveryRecovery::kMostRequests);
    case Verdict::OutOfReach:
        return QStringLiteral("too old to redeliver");
    case Verdict::Deferred:
        return QStringLiteral("not asked this time (%1 refused the request, or the check's share ran out); asked at the next check").arg(provider);
    }
    return {};
}

} // namespace

int DeliveryCommands::events(CommandLine &line)
{
    if (!line.arguments().isEmpty()) {
        if (line.arguments().size() == 2 && line.arguments().first() == u"show")
            return show(line, line.arguments().at(1));
        return CommandLine::usage(QStringLiteral("events takes no words besides `show PROVIDER:ID`"));
    }
    const std::optional<int> limit = line.limit();
    if (!limit)
        return CommandLine::kUsage;
    CommandLine::Opened opened;
    if (const int failed = line.open(opened))
        return failed;
    Store &store = *opened.store;
    const std::optional<Provider> provider = line.onlyProvider();
    Result<QList<Delivery>> deliveries = store.ledger().recent(provider, *limit);
    if (!deliveries)
        return CommandLine::failure(deliveries.error());
    TextTable table({ QStringLiteral("RECEIVED"), QStringLiteral("PROVIDER"), QStringLiteral("EVENT"), QStringLiteral("REPOSITORY"),
                      QStringLiteral("DELIVERY"), QStringLiteral("NORMALIZED") });
    for (const Delivery &delivery : deliveries.value()) {
        if (line.json()) {
            CommandLine::out() << QJsonDocument(delivery.toJson()).toJson(QJsonDocument::Compact) << '\n';
            continue;
        }
        QStringList kinds;
        for (const NormalizedEvent &event : delivery.events)
            kinds << (event.kind + (event.ref.isEmpty() ? QString() : QLatin1Char(' ') + event.ref));
        table.addRow({ delivery.receivedAt.toString(Qt::ISODate), providerId(delivery.provider), delivery.event,
                       delivery.events.isEmpty() ? QStringLiteral("-") : delivery.events.first().repo, delivery.deliveryId, kinds.join(u", ") });
    }
    if (!line.json()) {
        if (table.isEmpty())
            CommandLine::err() << "forgelink-agent: no delivery is recorded" << (provider ? " for " + providerId(*provider) : QString()) << '\n';
        else
            table.print(CommandLine::out());
    }
    return CommandLine::kOk;
}

int DeliveryCommands::show(CommandLine &line, const QString &which)
{
    const auto key = CommandLine::deliveryKey(which);
    if (!key)
        return CommandLine::usage(QStringLiteral("events show needs PROVIDER:ID such as github:72d3162e-cc78-11e3-81ab-4c9367dc0958, got \"%1\"")
                                          .arg(LogFormat::printable(which)));
    CommandLine::Opened opened;
    if (const int failed = line.open(opened))
        return failed;
    Store &store = *opened.store;
    Result<std::optional<Delivery>> found = store.ledger().find(key->first, key->second);
    if (!found)
        return CommandLine::failure(found.error());
    if (!found->has_value())
        return CommandLine::failure(QStringLiteral("no delivery %1 is recorded (`events` lists the recorded ones)").arg(LogFormat::printable(which)));
    const Delivery &delivery = **found;
    Result<QList<OutboxRow>> rows = store.outbox().forDelivery(delivery.provider, delivery.deliveryId);
    if (!rows)
        return CommandLine::failure(rows.error());
    QList<QList<OutboxAttempt>> attempts;
    for (const OutboxRow &row : rows.value()) {
        Result<QList<OutboxAttempt>> ofRow = store.outbox().attempts().forRow(row.id);
        if (!ofRow)
            return CommandLine::failure(ofRow.error());
        attempts << ofRow.value();
    }
    // The headers as received, credentials masked: that one came is worth seeing, its value never.
    QJsonObject headers = delivery.headers;
    for (auto credential = delivery.credentials.begin(); credential != delivery.credentials.end(); ++credential)
        headers.insert(credential.key(), QStringLiteral("(masked)"));
    QTextStream &out = CommandLine::out();
    if (line.json()) {
        QJsonObject object = delivery.toJson();
        object.insert(QStringLiteral("headers"), headers);
        object.insert(QStringLiteral("body"), QString::fromUtf8(delivery.body));
        QJsonArray forward;
        for (qsizetype i = 0; i < rows->size(); ++i) {
            QJsonObject row = rows->at(i).toJson();
            QJsonArray tried;
            for (const OutboxAttempt &attempt : attempts.at(i))
                tried.append(attempt.toJson());
            row.insert(QStringLiteral("attemptLog"), tried);
            forward.append(row);
        }
        object.insert(QStringLiteral("forward"), forward);
        out << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
        return CommandLine::kOk;
    }
    out << providerId(delivery.provider) << ':' << LogFormat::printable(delivery.deliveryId) << "  " << LogFormat::printable(delivery.event)
        << "  received " << delivery.receivedAt.toString(Qt::ISODateWithMs) << '\n';
    out << "headers:\n";
    for (auto header = headers.begin(); header != headers.end(); ++header)
        out << "  " << LogFormat::printable(header.key()) << ": " << LogFormat::printable(header.value().toString()) << '\n';
    out << "events:\n";
    for (const NormalizedEvent &event : delivery.events)
        out << "  " << LogFormat::printable(QStringList{ event.kind, event.repo, event.ref }.join(u"  ").trimmed()) << '\n';
    out << "body (" << counted(int(delivery.body.size()), QStringLiteral("byte"), QStringLiteral("bytes")) << "):\n";
    for (const QString &bodyLine : QString::fromUtf8(delivery.body).split(u'\n'))
        out << "  " << LogFormat::printable(bodyLine) << '\n';
    out << "forward:";
    if (rows->isEmpty())
        out << " no target took it\n";
    else
        out << '\n';
    for (qsizetype i = 0; i < rows->size(); ++i) {
        const OutboxRow &row = rows->at(i);
        out << "  " << row.target << "  " << row.state << ", " << counted(row.attempts, QStringLiteral("attempt"), QStringLiteral("attempts"));
        if (row.state == u"pending" && row.nextAttemptAtMs > 0)
            out << ", next at " << QDateTime::fromMSecsSinceEpoch(row.nextAttemptAtMs, Qt::UTC).toString(Qt::ISODateWithMs);
        out << '\n';
        for (const OutboxAttempt &attempt : attempts.at(i)) {
            out << "    " << QDateTime::fromMSecsSinceEpoch(attempt.attemptedAtMs, Qt::UTC).toString(Qt::ISODateWithMs) << "  "
                << attempt.durationMs << " ms  " << (attempt.status ? QString::number(*attempt.status) : QStringLiteral("no answer"));
            if (!attempt.error.isEmpty())
                out << "  " << LogFormat::printable(attempt.error);
            // The error quotes the start of the answer already; a 2xx's answer is said here.
            if (!attempt.answer.isEmpty() && !attempt.error.contains(attempt.answer.left(200).simplified()))
                out << "  answer: " << LogFormat::printable(attempt.answer.left(200));
            out << '\n';
        }
    }
    return CommandLine::kOk;
}

int DeliveryCommands::outbox(CommandLine &line)
{
    if (!line.takesNoArguments())
        return CommandLine::kUsage;
    const std::optional<AgentConfig> config = line.loadConfig();
    if (!config)
        return CommandLine::kUsage;
    const std::optional<int> limit = line.limit();
    if (!limit)
        return CommandLine::kUsage;
    const QString target = line.value(QStringLiteral("target"));
    const QString state = line.value(QStringLiteral("state"));
    if (!target.isEmpty() && !CommandLine::findTarget(*config, target))
        return CommandLine::unknownTarget(target, *config);
    if (!state.isEmpty() && state != u"pending" && state != u"dead" && state != u"delivered") {
        CommandLine::err() << "forgelink-agent: --state must be pending, dead or delivered, got \"" << state << "\"\n";
        return CommandLine::kUsage;
    }
    std::unique_ptr<Store> store = line.openStore(*config);
    if (!store)
        return CommandLine::kFailure;
    Result<QList<OutboxRow>> rows = store->outbox().list(target, state, *limit);
    if (!rows)
        return CommandLine::failure(rows.error());
    TextTable table({ QStringLiteral("TARGET"), QStringLiteral("DELIVERY"), QStringLiteral("REPOSITORY"), QStringLiteral("STATE"),
                      QStringLiteral("ATTEMPTS"), QStringLiteral("LAST ERROR") });
    for (const OutboxRow &row : rows.value()) {
        if (line.json()) {
            CommandLine::out() << QJsonDocument(row.toJson()).toJson(QJsonDocument::Compact) << '\n';
            continue;
        }
        table.addRow({ row.target, providerId(row.provider) + QLatin1Char(':') + row.deliveryId, row.repo.isEmpty() ? QStringLiteral("-") : row.repo,
                       row.state, QString::number(row.attempts), row.lastError.left(80) });
    }
    if (!line.json() && !table.isEmpty())
        table.print(CommandLine::out());
    return CommandLine::kOk;
}

int DeliveryCommands::redeliver(CommandLine &line)
{
    if (!line.takesNoArguments())
        return CommandLine::kUsage;
    const std::optional<AgentConfig> config = line.loadConfig();
    if (!config)
        return CommandLine::kUsage;
    const QString targetName = line.value(QStringLiteral("target"));
    const QString delivery = line.value(QStringLiteral("delivery"));
    const QString since = line.value(QStringLiteral("since"));
    const bool dead = line.isSet(QStringLiteral("dead"));
    const ForwardTarget *target = CommandLine::findTarget(*config, targetName);
    if (targetName.isEmpty()) {
        CommandLine::err() << "forgelink-agent: redeliver needs --target; " << CommandLine::knownTargets(*config) << '\n';
        return CommandLine::kUsage;
    }
    if (!target)
        return CommandLine::unknownTarget(targetName, *config);
    if (int(!delivery.isEmpty()) + int(dead) + int(!since.isEmpty()) != 1) {
        CommandLine::err() << "forgelink-agent: redeliver needs one of --delivery PROVIDER:ID, --dead or --since RFC3339\n";
        return CommandLine::kUsage;
    }
    Redelivery::Selection selection;
    selection.dead = dead;
    if (!since.isEmpty()) {
        selection.since = QDateTime::fromString(since, Qt::ISODateWithMs);
        if (!selection.since.isValid()) {
            CommandLine::err() << "forgelink-agent: --since must be an RFC 3339 time such as 2026-12-01T00:00:00Z, got \"" << since << "\"\n";
            return CommandLine::kUsage;
        }
    }
    if (!delivery.isEmpty()) {
        const auto key = CommandLine::deliveryKey(delivery);
        if (!key)
            return CommandLine::usage(QStringLiteral("--delivery must be PROVIDER:ID such as github:72d3162e-cc78-11e3-81ab-4c9367dc0958"));
        selection.provider = key->first;
        selection.deliveryId = key->second;
    }
    std::unique_ptr<Store> store = line.openStore(*config);
    if (!store)
        return CommandLine::kFailure;
    Redelivery redelivery(*store, config->enabledProviders());
    Result<Redelivery::Counts> counts = redelivery.run(*target, selection, QDateTime::currentMSecsSinceEpoch());
    if (!counts)
        return CommandLine::failure(counts.error());
    CommandLine::out() << target->name << ": " << counted(counts->requeued, QStringLiteral("row"), QStringLiteral("rows")) << " back to pending, "
                       << counted(counts->created, QStringLiteral("new row"), QStringLiteral("new rows"))
                       << " for deliveries it had not had; a running agent sends them within seconds\n";
    return CommandLine::kOk;
}

int DeliveryCommands::recover(CommandLine &line)
{
    const std::optional<AgentConfig> config = line.loadConfig();
    if (!config)
        return CommandLine::kUsage;
    const std::optional<Provider> provider = providerFromId(line.arguments().value(0));
    if (line.arguments().size() != 1 || !provider || !ProviderRegistry::get(*provider).hasDeliveryRecovery()) {
        QStringList recovering;
        for (const GitProvider *git : ProviderRegistry::all()) {
            if (git->hasDeliveryRecovery())
                recovering << git->id();
        }
        return CommandLine::usage(QStringLiteral("recover takes one provider, %1 (the others retry failed deliveries themselves)")
                                          .arg(recovering.join(QStringLiteral(", "))));
    }
    std::optional<qint64> lookBack;
    if (const QString since = line.value(QStringLiteral("since")); !since.isEmpty()) {
        lookBack = parseLookBack(since);
        if (!lookBack) {
            CommandLine::err() << "forgelink-agent: --since must be a duration such as 24h, 90m or 2d, got \"" << since << "\"\n";
            return CommandLine::kUsage;
        }
    }
    if (!config->isEnabled(*provider))
        return CommandLine::usage(QStringLiteral("%1 is not enabled in the config").arg(providerId(*provider)));
    std::unique_ptr<Store> store = line.openStore(*config);
    if (!store)
        return CommandLine::kFailure;
    const std::unique_ptr<DeliveryRecovery> recovery = ProviderRegistry::get(*provider).deliveryRecovery(*config, *store, Store::thisProcess());
    Result<DeliveryRecovery::Report> report = recovery->check(lookBack);
    const QString name = ProviderRegistry::get(*provider).displayName();
    if (!report) {
        CommandLine::err() << "forgelink-agent: recovery failed: " << report.error() << '\n';
        return CommandLine::kFailure;
    }
    if (report->skipped) {
        CommandLine::err() << "forgelink-agent: another agent (or a sync) holds the lease; try again in a moment\n";
        return CommandLine::kFailure;
    }
    QTextStream &out = CommandLine::out();
    int failed = 0;
    for (const DeliveryRecovery::Finding &finding : report->findings) {
        if (finding.verdict != DeliveryRecovery::Finding::Verdict::Delivered)
            ++failed;
        if (line.json()) {
            out << QJsonDocument(QJsonObject{ { QStringLiteral("guid"), finding.guid },
                                              { QStringLiteral("event"), finding.event },
                                              { QStringLiteral("attempts"), finding.attempts },
                                              { QStringLiteral("lastStatus"), finding.lastStatus },
                                              { QStringLiteral("lastAttemptAt"), finding.lastAttemptAt.toString(Qt::ISODate) },
                                              { QStringLiteral("verdict"), DeliveryRecovery::verdictName(finding.verdict) } })
                            .toJson(QJsonDocument::Compact)
                << '\n';
        } else {
            out << finding.guid << "  " << finding.event << "  " << counted(finding.attempts, QStringLiteral("attempt"), QStringLiteral("attempts"))
                << ", last " << finding.lastAttemptAt.toString(Qt::ISODate) << ": " << finding.lastStatus << "  -> " << verdictText(finding.verdict, name)
                << '\n';
        }
    }
    if (!line.json()) {
        out << name << " listed " << report->listed << " attempts since " << report->since.toString(Qt::ISODate) << ": " << failed
            << " deliveries without a successful attempt, "
            << counted(report->requested, QStringLiteral("redelivery request"), QStringLiteral("redelivery requests"));
        if (report->outOfReach > 0)
            out << ", " << report->outOfReach << " out of reach";
        if (report->deferred > 0)
            out << ", " << report->deferred << " left for the next check";
        if (report->malformed > 0)
            out << ", " << report->malformed << " malformed entries skipped";
        out << '\n';
        if (!report->gap.isEmpty())
            out << "note: " << report->gap << '\n';
    }
    return CommandLine::kOk;
}

} // namespace forgelink

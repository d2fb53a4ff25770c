#include "commands/forwardcommands.h"

#include "commandline.h"
#include "log/logformat.h"
#include "store/store.h"
#include "texttable.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace forgelink {

namespace {

QString timeText(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate) : QString();
}

} // namespace

int ForwardCommands::forward(CommandLine &line)
{
    const QStringList &words = line.arguments();
    const QString action = words.value(0);
    if ((action == u"pause" || action == u"resume") && words.size() == 2)
        return action == u"pause" ? pause(line, words.at(1)) : resume(line, words.at(1));
    if (action == u"list" && words.size() == 1)
        return list(line);
    return CommandLine::usage(QStringLiteral("forward takes `pause TARGET [--reason TEXT]`, `resume TARGET` or `list`"));
}

int ForwardCommands::pause(CommandLine &line, const QString &target)
{
    CommandLine::Opened opened;
    if (const int failed = line.open(opened))
        return failed;
    if (!CommandLine::findTarget(opened.config, target))
        return CommandLine::unknownTarget(target, opened.config);
    const QString reason = line.value(QStringLiteral("reason"));
    if (Result<void> paused = opened.store->forwardPauses().pause(target, reason, Store::thisProcess(), QDateTime::currentMSecsSinceEpoch()); !paused)
        return CommandLine::failure(paused.error());
    CommandLine::out() << target << ": paused" << (reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(LogFormat::printable(reason)))
                       << "; every agent stops sending to it within seconds, its deliveries wait (`forward resume " << target << "`)\n";
    return CommandLine::kOk;
}

int ForwardCommands::resume(CommandLine &line, const QString &target)
{
    CommandLine::Opened opened;
    if (const int failed = line.open(opened))
        return failed;
    if (!CommandLine::findTarget(opened.config, target))
        return CommandLine::unknownTarget(target, opened.config);
    Result<bool> resumed = opened.store->forwardPauses().resume(target);
    if (!resumed)
        return CommandLine::failure(resumed.error());
    CommandLine::out() << target << (resumed.value() ? ": resumed; every agent sends its waiting deliveries within seconds\n" : ": was not paused\n");
    return CommandLine::kOk;
}

int ForwardCommands::list(CommandLine &line)
{
    CommandLine::Opened opened;
    if (const int failed = line.open(opened))
        return failed;
    Store &store = *opened.store;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Result<QHash<QString, ForwardPauses::Pause>> pauses = store.forwardPauses().all();
    if (!pauses)
        return CommandLine::failure(pauses.error());
    Result<QHash<QString, OutboxTable::TargetCounts>> counts = store.outbox().counts(now);
    if (!counts)
        return CommandLine::failure(counts.error());
    Result<QHash<QString, qint64>> delivered = store.outbox().lastDelivered();
    if (!delivered)
        return CommandLine::failure(delivered.error());
    TextTable table({ QStringLiteral("TARGET"), QStringLiteral("URL"), QStringLiteral("FORMAT"), QStringLiteral("STATE"), QStringLiteral("PENDING"),
                      QStringLiteral("DEAD"), QStringLiteral("LAST DELIVERED") });
    for (const ForwardTarget &target : std::as_const(opened.config.forward)) {
        // Credentials in the URL stay out of the listing.
        const QString url = target.url.toString(QUrl::RemoveUserInfo);
        const QString format = target.format == ForwardTarget::Format::Original ? QStringLiteral("original") : QStringLiteral("event");
        const auto pause = pauses->constFind(target.name);
        const bool paused = pause != pauses->constEnd();
        const OutboxTable::TargetCounts count = counts->value(target.name);
        const qint64 lastDelivered = delivered->value(target.name);
        if (line.json()) {
            CommandLine::out() << QJsonDocument(QJsonObject{
                                                        { QStringLiteral("name"), target.name },
                                                        { QStringLiteral("url"), url },
                                                        { QStringLiteral("format"), format },
                                                        { QStringLiteral("paused"), paused },
                                                        { QStringLiteral("reason"), paused ? QJsonValue(pause->reason) : QJsonValue() },
                                                        { QStringLiteral("pausedAt"), paused ? QJsonValue(timeText(pause->pausedAtMs)) : QJsonValue() },
                                                        { QStringLiteral("pending"), count.pending },
                                                        { QStringLiteral("dead"), count.dead },
                                                        { QStringLiteral("lastDeliveredAt"), lastDelivered > 0 ? QJsonValue(timeText(lastDelivered)) : QJsonValue() },
                                                })
                                          .toJson(QJsonDocument::Compact)
                               << '\n';
            continue;
        }
        const QString state = paused ? QStringLiteral("paused since %1%2").arg(timeText(pause->pausedAtMs), pause->reason.isEmpty() ? QString() : QStringLiteral(": ") + pause->reason)
                                     : QStringLiteral("sending");
        table.addRow({ target.name, url, format, state, QString::number(count.pending), QString::number(count.dead),
                       lastDelivered > 0 ? timeText(lastDelivered) : QStringLiteral("-") });
    }
    if (opened.config.forward.isEmpty())
        return CommandLine::failure(QStringLiteral("the config names no forward target"));
    if (!line.json())
        table.print(CommandLine::out());
    return CommandLine::kOk;
}

} // namespace forgelink

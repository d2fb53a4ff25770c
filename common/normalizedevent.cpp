#include "normalizedevent.h"

#include "jsonfields.h"

namespace forgelink {

namespace {
const auto orNull = &JsonFields::orNull;
} // namespace

QJsonObject NormalizedEvent::toJson() const
{
    return QJsonObject{ { QStringLiteral("kind"), kind },
                        { QStringLiteral("repo"), orNull(repo) },
                        { QStringLiteral("ref"), orNull(ref) },
                        { QStringLiteral("before"), orNull(before) },
                        { QStringLiteral("after"), orNull(after) },
                        { QStringLiteral("pullRequest"),
                          pullRequest ? QJsonValue(double(*pullRequest)) : QJsonValue(QJsonValue::Null) },
                        { QStringLiteral("sourceBranch"), orNull(sourceBranch) },
                        { QStringLiteral("targetBranch"), orNull(targetBranch) } };
}

NormalizedEvent NormalizedEvent::fromJson(const QJsonObject &object)
{
    NormalizedEvent event;
    event.kind = object.value(QStringLiteral("kind")).toString();
    event.repo = object.value(QStringLiteral("repo")).toString();
    event.ref = object.value(QStringLiteral("ref")).toString();
    event.before = object.value(QStringLiteral("before")).toString();
    event.after = object.value(QStringLiteral("after")).toString();
    const QJsonValue number = object.value(QStringLiteral("pullRequest"));
    if (number.isDouble())
        event.pullRequest = qint64(number.toDouble());
    event.sourceBranch = object.value(QStringLiteral("sourceBranch")).toString();
    event.targetBranch = object.value(QStringLiteral("targetBranch")).toString();
    return event;
}

} // namespace forgelink

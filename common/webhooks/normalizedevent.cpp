#include "webhooks/normalizedevent.h"

#include "json/jsontext.h"

#include <QJsonDocument>

namespace forgelink {

QJsonObject NormalizedEvent::toJson() const
{
    JsonText text;
    writeJson(text);
    return QJsonDocument::fromJson(text.take()).object();
}

void NormalizedEvent::writeJson(JsonText &text) const
{
    text.beginObject();
    text.member(u"kind", kind);
    text.member(u"repo", repo, true);
    text.member(u"ref", ref, true);
    text.member(u"before", before, true);
    text.member(u"after", after, true);
    text.member(u"pullRequest", pullRequest);
    text.member(u"sourceBranch", sourceBranch, true);
    text.member(u"targetBranch", targetBranch, true);
    text.endObject();
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

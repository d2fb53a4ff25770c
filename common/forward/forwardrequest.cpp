#include "forward/forwardrequest.h"

#include "forward/standardwebhooks.h"
#include "json/jsontext.h"

#include <QDateTime>

namespace forgelink {

namespace {

void addTargetHeaders(const ForwardTarget &target, QList<QPair<QByteArray, QByteArray>> &headers)
{
    for (const auto &header : target.headers)
        headers.append(header);
}

} // namespace

ForwardRequest ForwardRequest::original(const ForwardTarget &target, const OutboxWork &work)
{
    const Delivery &delivery = work.delivery;
    ForwardRequest request;
    request.url = QUrl(target.url.toString(QUrl::StripTrailingSlash) + providerWebhookPath(delivery.provider));
    for (const QJsonObject &group : { delivery.headers, work.credentials }) {
        for (auto header = group.begin(); header != group.end(); ++header)
            request.headers.append({ header.key().toLatin1(), header.value().toString().toUtf8() });
    }
    addTargetHeaders(target, request.headers);
    request.headers.append(qMakePair(QByteArray("X-Forgelink-Delivery"), (providerId(delivery.provider) + QLatin1Char(':') + delivery.deliveryId).toUtf8()));
    request.body = delivery.body;
    return request;
}

QByteArray ForwardRequest::eventBody(const Delivery &delivery, int position)
{
    const NormalizedEvent &event = delivery.events.at(position);
    JsonText text;
    auto optional = [&text](const char *name, const QString &value) { text.member(QString::fromLatin1(name), value, true); };
    text.beginObject();
    text.member(QStringLiteral("type"), event.kind);
    text.member(QStringLiteral("timestamp"), delivery.receivedAt.toUTC().toString(Qt::ISODateWithMs));
    text.beginObject(QStringLiteral("data"));
    text.member(QStringLiteral("provider"), providerId(delivery.provider));
    text.member(QStringLiteral("deliveryId"), delivery.deliveryId);
    optional("repo", event.repo);
    optional("ref", event.ref);
    optional("before", event.before);
    optional("after", event.after);
    text.member(QStringLiteral("pullRequest"), event.pullRequest);
    optional("sourceBranch", event.sourceBranch);
    optional("targetBranch", event.targetBranch);
    text.endObject();
    text.endObject();
    return text.take();
}

ForwardRequest ForwardRequest::event(const ForwardTarget &target, const Delivery &delivery, int position, qint64 timestamp)
{
    ForwardRequest request;
    request.url = target.url;
    request.body = eventBody(delivery, position);
    const QByteArray id = (providerId(delivery.provider) + QLatin1Char(':') + delivery.deliveryId + QLatin1Char(':')
                           + QString::number(position))
                                  .toUtf8();
    request.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    request.headers.append(qMakePair(QByteArray("User-Agent"), QByteArray("forgelink/" FORGELINK_VERSION)));
    request.headers.append(qMakePair(QByteArray("webhook-id"), id));
    request.headers.append(qMakePair(QByteArray("webhook-timestamp"), QByteArray::number(timestamp)));
    request.headers.append(qMakePair(QByteArray("webhook-signature"),
                                     StandardWebhooks::signature(StandardWebhooks::key(target.signingSecret), id, timestamp, request.body)));
    addTargetHeaders(target, request.headers);
    return request;
}

} // namespace forgelink

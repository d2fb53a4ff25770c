#include "webhooks/delivery.h"

#include "json/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace forgelink {

QJsonObject Delivery::toJson() const
{
    return QJsonObject{ { QStringLiteral("provider"), providerId(provider) },
                        { QStringLiteral("deliveryId"), deliveryId },
                        { QStringLiteral("event"), event },
                        { QStringLiteral("receivedAt"), receivedAt.toUTC().toString(Qt::ISODateWithMs) },
                        { QStringLiteral("events"), QJsonDocument::fromJson(eventsJsonText()).array() } };
}

QByteArray Delivery::headersJsonText() const
{
    JsonText text;
    text.beginObject();
    for (auto header = headers.begin(); header != headers.end(); ++header)
        text.member(header.key(), header.value().toString());
    text.endObject();
    return text.take();
}

QByteArray Delivery::credentialsJsonText() const
{
    JsonText text;
    text.beginObject();
    for (auto header = credentials.begin(); header != credentials.end(); ++header)
        text.member(header.key(), header.value().toString());
    text.endObject();
    return text.take();
}

QByteArray Delivery::eventsJsonText() const
{
    JsonText text(160 * events.size());
    text.beginArray();
    for (const NormalizedEvent &event : events)
        event.writeJson(text);
    text.endArray();
    return text.take();
}

} // namespace forgelink

#include "delivery.h"

#include <QJsonArray>

namespace forgelink {

QJsonObject Delivery::toJson() const
{
    QJsonArray list;
    for (const NormalizedEvent &event : events)
        list.append(event.toJson());
    return QJsonObject{ { QStringLiteral("provider"), providerId(provider) },
                        { QStringLiteral("deliveryId"), deliveryId },
                        { QStringLiteral("event"), event },
                        { QStringLiteral("receivedAt"), receivedAt.toUTC().toString(Qt::ISODateWithMs) },
                        { QStringLiteral("events"), list } };
}

} // namespace forgelink

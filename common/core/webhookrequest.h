#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace forgelink {

// What the agent's HTTP server hands to the webhook intake: the headers as received and the raw
// body, byte for byte (signatures are computed over exactly these bytes).
struct WebhookRequest {
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // The first header of that name, compared without regard to case; empty when absent.
    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    int headerCount(QByteArrayView name) const
    {
        int count = 0;
        for (const auto &entry : headers)
            count += entry.first.compare(name, Qt::CaseInsensitive) == 0 ? 1 : 0;
        return count;
    }
    bool hasHeader(QByteArrayView name) const
    {
        for (const auto &entry : headers) {
            if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
};

} // namespace forgelink

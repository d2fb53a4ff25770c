#pragma once

#include "core/provider.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace forgelink {

// A consumer the agent forwards deliveries to (agent.yaml `forward:`), with its secrets resolved.
struct ForwardTarget {
    enum class Format {
        Original, // the provider's request, byte for byte, to <url>/api/events-handler/v1/events/<provider>
        Event     // one POST per normalized event, signed as Standard Webhooks specifies
    };

    QString name; // [a-z0-9-]+, unique
    QUrl url;
    Format format = Format::Original;
    QList<Provider> providers; // empty: every enabled provider
    QStringList events;        // globs on normalized kinds; empty: all
    QStringList repositories;  // globs on the event's repo; empty: all
    QStringList refs;          // globs on the event's full ref; empty: all
    QByteArray signingSecret;  // format event: whsec_<base64 of 24 to 64 bytes>
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers, values are secrets
    int timeoutMs = 15'000; // Standard Webhooks recommends 15 to 30 s
    qint64 maxAgeMs = 72LL * 3600 * 1000; // then a row is dead
    int parallel = 8;                     // requests in flight
    double maxPerSecond = 0;              // requests per second from this agent; 0: no limit
    // After this many failed attempts in a row the target is probed with one request per
    // backoff step instead of every due row; 0: never.
    int circuitBreakAfter = 10;
};

// How long the ledger keeps deliveries (agent.yaml `retention:`).
struct RetentionSettings {
    qint64 deliveriesMs = 30LL * 24 * 3600 * 1000;
};

} // namespace forgelink

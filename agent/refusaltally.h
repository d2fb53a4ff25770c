#pragma once

#include "store/refusallog.h"

#include <QMap>
#include <QList>

#include <functional>

namespace forgelink {

// The deliveries refused as unauthorized since the last take(), per provider and reason: what
// the agent writes to the RefusalLog every few seconds. Bounded: past kMostReasons distinct
// reasons, the rest count under one.
class RefusalTally {
public:
    static constexpr int kMostReasons = 32;

    // `deliveryId` is asked for only when the reason is new in this tally: a flood of refusals
    // reads no headers.
    void add(Provider provider, const QString &reason, qint64 atMs, const std::function<QString()> &deliveryId);
    QList<RefusalLog::Refusal> take();

private:
    QMap<std::pair<Provider, QString>, RefusalLog::Refusal> m_refusals;
};

} // namespace forgelink

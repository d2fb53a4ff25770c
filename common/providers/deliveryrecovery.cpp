#include "providers/deliveryrecovery.h"

namespace forgelink {

QString DeliveryRecovery::verdictName(Finding::Verdict verdict)
{
    switch (verdict) {
    case Finding::Verdict::Delivered:
        return QStringLiteral("delivered");
    case Finding::Verdict::Recorded:
        return QStringLiteral("recorded");
    case Finding::Verdict::Requested:
        return QStringLiteral("requested");
    case Finding::Verdict::InFlight:
        return QStringLiteral("in-flight");
    case Finding::Verdict::GaveUp:
        return QStringLiteral("gave-up");
    case Finding::Verdict::OutOfReach:
        return QStringLiteral("out-of-reach");
    case Finding::Verdict::Deferred:
        return QStringLiteral("deferred");
    }
    return {};
}

} // namespace forgelink

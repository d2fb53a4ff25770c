#pragma once

#include "forward/forwardtarget.h"
#include "webhooks/delivery.h"

#include <QList>
#include <QStringList>

namespace forgelink {

// Which targets a delivery goes to: a delivery matches a target when one of its normalized events
// passes every filter the target gives (provider, event kind, repository, ref; an event with no
// ref does not pass a refs filter).
class ForwardRouter {
public:
    // What `check`, `serve` and `status` say of a config without a forward target: the agent
    // takes Pipekit's webhook paths, so Pipekit would see none of its deliveries.
    static QString noTargetProblem()
    {
        return QStringLiteral("no forward target: the deliveries this agent takes at Pipekit's webhook paths reach nobody, so Pipekit "
                              "sees none of them (add a forward target with Pipekit's events handler, the wizard's eventsHandler)");
    }

    ForwardRouter(QList<ForwardTarget> targets, QList<Provider> enabledProviders);

    QStringList targetsFor(const Delivery &delivery) const;
    const QList<ForwardTarget> &targets() const { return m_targets; }
    const ForwardTarget *target(const QString &name) const;

    static bool matches(const ForwardTarget &target, const QList<Provider> &enabled, const Delivery &delivery);
    // The positions, in the delivery's events, of the events that pass the target's filters.
    static QList<int> matchingEvents(const ForwardTarget &target, const Delivery &delivery);
    static bool passes(const ForwardTarget &target, const NormalizedEvent &event);
    // The repository a delivery's rows are ordered by: its first event's.
    static QString orderingKey(const Delivery &delivery);

private:
    QList<ForwardTarget> m_targets;
    QList<Provider> m_enabled;
};

} // namespace forgelink

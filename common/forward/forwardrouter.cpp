#include "forward/forwardrouter.h"

#include "forward/glob.h"

namespace forgelink {

ForwardRouter::ForwardRouter(QList<ForwardTarget> targets, QList<Provider> enabledProviders)
    : m_targets(std::move(targets)), m_enabled(std::move(enabledProviders))
{
}

const ForwardTarget *ForwardRouter::target(const QString &name) const
{
    for (const ForwardTarget &candidate : m_targets) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

QStringList ForwardRouter::targetsFor(const Delivery &delivery) const
{
    QStringList names;
    for (const ForwardTarget &target : m_targets) {
        if (matches(target, m_enabled, delivery))
            names << target.name;
    }
    return names;
}

bool ForwardRouter::passes(const ForwardTarget &target, const NormalizedEvent &event)
{
    if (!Glob::matchesAny(target.events, event.kind) || !Glob::matchesAny(target.repositories, event.repo))
        return false;
    if (!target.refs.isEmpty() && (event.ref.isEmpty() || !Glob::matchesAny(target.refs, event.ref)))
        return false;
    return true;
}

bool ForwardRouter::matches(const ForwardTarget &target, const QList<Provider> &enabled, const Delivery &delivery)
{
    if (target.providers.isEmpty() ? !enabled.contains(delivery.provider) : !target.providers.contains(delivery.provider))
        return false;
    for (const NormalizedEvent &event : delivery.events) {
        if (passes(target, event))
            return true;
    }
    return false;
}

QList<int> ForwardRouter::matchingEvents(const ForwardTarget &target, const Delivery &delivery)
{
    QList<int> positions;
    for (qsizetype i = 0; i < delivery.events.size(); ++i) {
        if (passes(target, delivery.events.at(i)))
            positions << int(i);
    }
    return positions;
}

QString ForwardRouter::orderingKey(const Delivery &delivery)
{
    return delivery.events.isEmpty() ? QString() : delivery.events.first().repo;
}

} // namespace forgelink

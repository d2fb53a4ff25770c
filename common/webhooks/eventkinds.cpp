#include "webhooks/eventkinds.h"

namespace forgelink {

bool EventKinds::isZeroSha(const QString &sha)
{
    return !sha.isEmpty() && sha.count(QLatin1Char('0')) == sha.size();
}

QString EventKinds::shortBranch(const QString &ref)
{
    return ref.startsWith(QLatin1String("refs/heads/")) ? ref.mid(11) : ref;
}

QString EventKinds::refChange(const QString &ref, bool created, bool deleted)
{
    if (ref.startsWith(QLatin1String("refs/tags/")))
        return created ? QStringLiteral("tag_created") : deleted ? QStringLiteral("tag_deleted") : QStringLiteral("tag_updated");
    return created ? QStringLiteral("branch_created") : deleted ? QStringLiteral("branch_deleted") : QStringLiteral("push");
}

NormalizedEvent EventKinds::other(const QString &repo)
{
    NormalizedEvent event;
    event.kind = QStringLiteral("other");
    event.repo = repo;
    return event;
}

Result<NormalizedEvents> EventKinds::checked(const JsonFields &fields, NormalizedEvents events)
{
    if (!fields.ok())
        return fail(fields.error());
    return events;
}

} // namespace forgelink

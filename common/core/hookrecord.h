#pragma once

#include "core/provider.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace forgelink {

// A webhook (or Azure DevOps Service Hook subscription) forgelink created on a repository.
struct HookRecord {
    Provider provider = Provider::GitLab;
    QString repoId;
    QString fullPath;
    QString kind;   // "webhook", or Azure DevOps' event type (git.push, ...)
    QString hookId; // the provider's id of the hook
    QDateTime createdAt;

    QJsonObject toJson() const
    {
        return QJsonObject{ { QStringLiteral("provider"), providerId(provider) }, { QStringLiteral("repoId"), repoId },
                            { QStringLiteral("fullPath"), fullPath },         { QStringLiteral("kind"), kind },
                            { QStringLiteral("hookId"), hookId },
                            { QStringLiteral("createdAt"), createdAt.toUTC().toString(Qt::ISODateWithMs) } };
    }
};

} // namespace forgelink

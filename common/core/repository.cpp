#include "core/repository.h"

namespace forgelink {

namespace {
// An empty string is null in forgelink's JSON output.
QJsonValue orNull(const QString &value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}
} // namespace

QJsonObject Repository::toJson() const
{
    return QJsonObject{ { QStringLiteral("provider"), providerId(provider) },
                        { QStringLiteral("id"), orNull(id) },
                        { QStringLiteral("fullPath"), orNull(fullPath) },
                        { QStringLiteral("name"), orNull(name) },
                        { QStringLiteral("defaultBranch"), orNull(defaultBranch) },
                        { QStringLiteral("visibility"), orNull(visibility) },
                        { QStringLiteral("archived"), archived ? QJsonValue(*archived) : QJsonValue(QJsonValue::Null) },
                        { QStringLiteral("webUrl"), orNull(webUrl) },
                        { QStringLiteral("cloneUrl"), orNull(cloneUrl) } };
}

bool Repository::sameData(const Repository &other) const
{
    return provider == other.provider && id == other.id && fullPath == other.fullPath && name == other.name
            && defaultBranch == other.defaultBranch && visibility == other.visibility && archived == other.archived
            && webUrl == other.webUrl && cloneUrl == other.cloneUrl && accessLevel == other.accessLevel;
}

} // namespace forgelink

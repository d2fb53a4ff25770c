#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace forgelink {

class JsonText;

// One change a delivery reports, in the same shape for every provider (DESIGN.md "Normalized
// events"). A delivery with several ref changes carries one of these per change.
struct NormalizedEvent {
    QString kind; // push, branch_created, ..., ping, other
    QString repo; // the provider's full path: owner/name, group/project, KEY/slug, project/repo
    QString ref;  // full ref: refs/heads/main, refs/tags/v1
    QString before;
    QString after;
    std::optional<qint64> pullRequest;
    QString sourceBranch;
    QString targetBranch;

    // Fields that do not apply are null.
    QJsonObject toJson() const;
    void writeJson(JsonText &text) const;
    static NormalizedEvent fromJson(const QJsonObject &object);
    bool operator==(const NormalizedEvent &) const = default;
};

using NormalizedEvents = QList<NormalizedEvent>;

} // namespace forgelink

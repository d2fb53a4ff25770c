#pragma once

#include "core/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace forgelink {

// Which chart value each answer goes to, read from a YAML file (the built-in
// resources/values-layout.yaml, or an admin's own), so a chart that names its keys otherwise
// needs no rebuild.
class ValuesLayout {
public:
    struct Entry {
        QString section;     // github, gitlab, bitbucket, azureDevOps
        QString field;       // enabled, appId, webhookSecret, ...
        QStringList keyPath; // gitProviders.github.appId split at the dots
    };

    static Result<ValuesLayout> builtIn();
    static Result<ValuesLayout> fromFile(const QString &path);
    static Result<ValuesLayout> fromText(const QByteArray &text, const QString &what);

    // The fields a layout may name, per section.
    static QStringList knownFields(const QString &section);

    QList<Entry> entries() const { return m_entries; }
    QList<Entry> entries(const QString &section) const;

private:
    QList<Entry> m_entries;
};

} // namespace forgelink

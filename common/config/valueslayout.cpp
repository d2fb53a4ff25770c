#include "config/valueslayout.h"

#include "config/yamlsupport.h"
#include "providers/providerregistry.h"

#include <QFile>
#include <QRegularExpression>

namespace forgelink {

QStringList ValuesLayout::knownFields(const QString &section)
{
    const GitProvider *provider = ProviderRegistry::findBySection(section);
    if (!provider)
        return {};
    QStringList fields{ QStringLiteral("enabled") };
    for (const ProviderField &field : provider->answerFields()) {
        if (field.inValues)
            fields << field.key;
    }
    return fields;
}

Result<ValuesLayout> ValuesLayout::builtIn()
{
    return fromFile(QStringLiteral(":/forgelink/values-layout.yaml"));
}

Result<ValuesLayout> ValuesLayout::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read the values layout %1: %2").arg(path, file.errorString()));
    return fromText(file.readAll(), path);
}

Result<ValuesLayout> ValuesLayout::fromText(const QByteArray &text, const QString &what)
{
    const Result<YAML::Node> document = loadYamlText(text, what);
    if (!document)
        return fail(document.error());
    if (!document->IsMap())
        return fail(QStringLiteral("%1: must map sections (github, gitlab, ...) to fields").arg(what));

    static const QRegularExpression keyPath(QStringLiteral("^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$"));
    ValuesLayout layout;
    for (const auto &section : *document) {
        const QString sectionName = yamlScalar(section.first);
        const QStringList known = knownFields(sectionName);
        if (known.isEmpty())
            return fail(QStringLiteral("%1: unknown section %2; known: %3")
                                .arg(what, sectionName, ProviderRegistry::sections().join(u", ")));
        if (!section.second.IsMap())
            return fail(QStringLiteral("%1: %2 must map fields to value keys").arg(what, sectionName));
        for (const auto &field : section.second) {
            const QString fieldName = yamlScalar(field.first);
            const QString location = QStringLiteral("%1: %2.%3").arg(what, sectionName, fieldName);
            if (!known.contains(fieldName))
                return fail(QStringLiteral("%1: unknown field; known: %2").arg(location, known.join(u", ")));
            const QString key = field.second.IsScalar() ? yamlScalar(field.second) : QString();
            if (!keyPath.match(key).hasMatch())
                return fail(QStringLiteral("%1: must be a dotted key such as gitProviders.gitlab.enabled")
                                    .arg(location));
            layout.m_entries << Entry{ sectionName, fieldName, key.split(QLatin1Char('.')) };
        }
    }
    return layout;
}

QList<ValuesLayout::Entry> ValuesLayout::entries(const QString &section) const
{
    QList<Entry> matching;
    for (const Entry &entry : m_entries) {
        if (entry.section == section)
            matching << entry;
    }
    return matching;
}

} // namespace forgelink

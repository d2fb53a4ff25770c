#include "config/helmvalueswriter.h"

#include "config/yamltree.h"
#include "providers/providerregistry.h"

#include <QVariant>

namespace forgelink {

namespace {

// The value an entry of the layout names: the provider's `enabled`, or one of its fields.
QVariant fieldValue(const Answers &answers, const GitProvider &provider, const QString &field)
{
    if (field == u"enabled")
        return answers.isEnabled(provider.kind());
    const ProviderAnswers *values = answers.provider(provider.kind());
    const std::optional<ProviderField> declared = provider.answerField(field);
    if (!values || !declared)
        return {};
    return declared->yamlValue(values->value(field));
}

} // namespace

QByteArray HelmValuesWriter::render(const Answers &answers, const ValuesLayout &layout)
{
    YamlTree tree;
    for (const ValuesLayout::Entry &entry : layout.entries()) {
        const GitProvider *provider = ProviderRegistry::findBySection(entry.section);
        if (!provider || (!answers.isEnabled(provider->kind()) && entry.field != u"enabled"))
            continue;
        const QVariant value = fieldValue(answers, *provider, entry.field);
        // An optional answer left empty (the GitHub organization) is not written at all.
        if (value.typeId() == QMetaType::QString && value.toString().isEmpty())
            continue;
        tree.set(entry.keyPath, value);
    }
    return tree.toYaml({ QStringLiteral("Pipekit Git provider settings, written by forgelink-wizard for %1.")
                                 .arg(answers.domain),
                         QStringLiteral("Holds secrets: keep it private (mode 0600), do not commit it.") });
}

} // namespace forgelink

#include "config/valuesreader.h"

#include "config/yamlsupport.h"
#include "providers/providerregistry.h"

#include <QFile>

namespace forgelink {

namespace {

std::optional<QString> valueAt(const YAML::Node &root, const QStringList &keyPath)
{
    YAML::Node node = YAML::Clone(root);
    for (const QString &key : keyPath) {
        if (!node.IsMap())
            return std::nullopt;
        node = node[key.toStdString()];
        if (!node.IsDefined())
            return std::nullopt;
    }
    if (!node.IsScalar())
        return std::nullopt;
    return yamlScalar(node);
}

} // namespace

Result<Answers> ValuesReader::readFile(const QString &path, const ValuesLayout &layout)
{
    Result<QByteArray> text = readConfigFile(path);
    if (!text)
        return fail(QStringLiteral("%1: %2").arg(path, text.error()));
    return readText(text.value(), layout, path);
}

Result<Answers> ValuesReader::readText(const QByteArray &text, const ValuesLayout &layout, const QString &what)
{
    Result<YAML::Node> document = loadYamlText(text, what);
    if (!document)
        return fail(document.error());
    if (!document->IsMap())
        return fail(QStringLiteral("%1 is not a values file (not a mapping)").arg(what));
    Answers answers;
    // Sections first: a provider whose `enabled` is true gets its section, then its fields.
    for (const ValuesLayout::Entry &entry : layout.entries()) {
        if (entry.field != u"enabled" || valueAt(*document, entry.keyPath) != u"true")
            continue;
        if (const GitProvider *provider = ProviderRegistry::findBySection(entry.section))
            ProviderRegistry::enable(answers, provider->kind());
    }
    for (const ValuesLayout::Entry &entry : layout.entries()) {
        const GitProvider *provider = ProviderRegistry::findBySection(entry.section);
        ProviderAnswers *values = provider ? answers.provider(provider->kind()) : nullptr;
        if (const auto value = valueAt(*document, entry.keyPath); values && value && entry.field != u"enabled")
            values->set(entry.field, *value);
    }
    if (!answers.anyProviderEnabled())
        return fail(QStringLiteral("%1 enables no Git provider under the keys of the values layout").arg(what));
    return answers;
}

} // namespace forgelink

#include "config/yamlsupport.h"

#include <QFile>
#include <QHash>

#include <optional>

namespace forgelink {

namespace {

// The first key that appears twice in one mapping, anywhere in the document.
std::optional<QString> duplicateKey(const YAML::Node &node)
{
    if (node.IsMap()) {
        QHash<QString, int> seen; // key, line
        for (const auto &entry : node) {
            const QString key = QString::fromStdString(entry.first.Scalar());
            const int line = entry.first.Mark().line + 1;
            if (const auto first = seen.constFind(key); first != seen.constEnd())
                return QStringLiteral("key \"%1\" appears twice in one mapping (lines %2 and %3)").arg(key).arg(*first).arg(line);
            seen.insert(key, line);
            if (auto inner = duplicateKey(entry.second))
                return inner;
        }
    } else if (node.IsSequence()) {
        for (const auto &item : node) {
            if (auto inner = duplicateKey(item))
                return inner;
        }
    }
    return std::nullopt;
}

} // namespace

Result<QByteArray> readConfigFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read: %1").arg(file.errorString()));
    QByteArray text = file.read(kMostConfigFileBytes + 1);
    if (text.size() > kMostConfigFileBytes)
        return fail(QStringLiteral("is larger than %1 MiB: not a config file").arg(kMostConfigFileBytes / (1024 * 1024)));
    return text;
}

Result<YAML::Node> loadYamlText(const QByteArray &text, const QString &what)
{
    try {
        YAML::Node document = YAML::Load(text.toStdString());
        if (const auto duplicate = duplicateKey(document))
            return fail((what.isEmpty() ? QString() : what + QStringLiteral(": ")) + *duplicate);
        return document;
    } catch (const YAML::Exception &e) {
        const QString prefix = what.isEmpty() ? QString() : what + QStringLiteral(": ");
        return fail(QStringLiteral("%1not valid YAML at line %2, column %3: %4")
                            .arg(prefix)
                            .arg(e.mark.line + 1)
                            .arg(e.mark.column + 1)
                            .arg(QString::fromStdString(e.msg)));
    }
}

Result<YAML::Node> loadYamlFile(const QString &path)
{
    Result<QByteArray> text = readConfigFile(path);
    if (!text)
        return fail(QStringLiteral("%1: %2").arg(path, text.error()));
    return loadYamlText(text.value(), path);
}

QString yamlScalar(const YAML::Node &node)
{
    return QString::fromStdString(node.Scalar());
}

QString yamlTypeName(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return QStringLiteral("a mapping");
    case YAML::NodeType::Sequence:
        return QStringLiteral("a list");
    case YAML::NodeType::Null:
        return QStringLiteral("nothing");
    default:
        return QStringLiteral("a value");
    }
}

} // namespace forgelink

#include "config/yamlsupport.h"

#include <QFile>

namespace forgelink {

Result<YAML::Node> loadYamlText(const QByteArray &text, const QString &what)
{
    try {
        return YAML::Load(text.toStdString());
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
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return loadYamlText(file.readAll(), path);
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

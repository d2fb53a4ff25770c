#include "config/yamltree.h"

#include <yaml-cpp/yaml.h>

namespace forgelink {

class YamlTreeEmitter {
public:
    static void emitNodes(YAML::Emitter &out, const QList<YamlTree::Node> &nodes)
    {
        out << YAML::BeginMap;
        for (const YamlTree::Node &node : nodes) {
            out << YAML::Key << node.key.toStdString() << YAML::Value;
            if (node.value.isValid()) {
                emitValue(out, node.value);
            } else if (!node.items.isEmpty()) {
                out << YAML::BeginSeq;
                for (const QList<YamlTree::Node> &item : node.items)
                    emitNodes(out, item);
                out << YAML::EndSeq;
            } else {
                emitNodes(out, node.children);
            }
        }
        out << YAML::EndMap;
    }

    static void emitString(YAML::Emitter &out, const QString &text)
    {
        const std::string utf8 = text.toStdString();
        // A literal block keeps every line as is and exactly one final newline (clip chomping),
        // so it is byte-exact only for text that ends with one newline and has no carriage returns.
        const bool literalSafe = text.contains(QLatin1Char('\n')) && text.endsWith(QLatin1Char('\n'))
                && !text.endsWith(QLatin1String("\n\n")) && !text.contains(QLatin1Char('\r'))
                && !text.startsWith(QLatin1Char(' '));
        if (literalSafe)
            out << YAML::Literal << utf8;
        else
            out << YAML::DoubleQuoted << utf8;
    }

    static void emitValue(YAML::Emitter &out, const QVariant &value)
    {
        switch (value.typeId()) {
        case QMetaType::Bool:
            out << value.toBool();
            break;
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::UInt:
        case QMetaType::ULongLong:
            out << value.toLongLong();
            break;
        case QMetaType::QStringList:
            out << YAML::BeginSeq;
            for (const QString &item : value.toStringList())
                emitString(out, item);
            out << YAML::EndSeq;
            break;
        default:
            emitString(out, value.toString());
        }
    }
};

YamlTree::Node &YamlTree::child(QList<Node> &nodes, const QString &key)
{
    for (Node &node : nodes) {
        if (node.key == key)
            return node;
    }
    nodes.append(Node{ key, {}, {}, {} });
    return nodes.last();
}

void YamlTree::set(const QStringList &keyPath, const QVariant &value)
{
    QList<Node> *level = &m_roots;
    for (qsizetype i = 0; i < keyPath.size(); ++i) {
        Node &node = child(*level, keyPath.at(i));
        if (i == keyPath.size() - 1) {
            node.value = value;
            node.children.clear();
            node.items.clear();
        } else {
            node.value = QVariant();
            level = &node.children;
        }
    }
}

void YamlTree::append(const QString &dottedPath, const YamlTree &item)
{
    const QStringList keyPath = dottedPath.split(QLatin1Char('.'));
    QList<Node> *level = &m_roots;
    for (qsizetype i = 0; i < keyPath.size(); ++i) {
        Node &node = child(*level, keyPath.at(i));
        node.value = QVariant();
        if (i == keyPath.size() - 1) {
            node.children.clear();
            node.items.append(item.m_roots);
        } else {
            level = &node.children;
        }
    }
}

QByteArray YamlTree::toYaml(const QStringList &headerComment) const
{
    YAML::Emitter out;
    out.SetIndent(2);
    YamlTreeEmitter::emitNodes(out, m_roots);
    QByteArray text;
    for (const QString &line : headerComment)
        text += (QStringLiteral("# ") + line).toUtf8().trimmed() + '\n';
    text += QByteArray(out.c_str(), qsizetype(out.size()));
    if (!text.endsWith('\n'))
        text += '\n';
    return text;
}

} // namespace forgelink

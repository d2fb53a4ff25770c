#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace forgelink {

// An ordered tree of settings that renders as YAML. Keys keep the order they were set in, strings
// are always quoted (so "123456" or "true" stay strings), and multi-line text such as a PEM key
// becomes a block scalar that reads back byte for byte.
class YamlTree {
public:
    // value: bool, integer, QString or QStringList. Intermediate mappings are created as needed.
    void set(const QStringList &keyPath, const QVariant &value);
    void set(const QString &dottedPath, const QVariant &value) { set(dottedPath.split(QLatin1Char('.')), value); }
    // Adds `item` to the sequence of mappings at `dottedPath` (`forward:` targets, say).
    void append(const QString &dottedPath, const YamlTree &item);

    // `headerComment` lines are written first, each prefixed with "# ".
    QByteArray toYaml(const QStringList &headerComment = {}) const;

private:
    struct Node {
        QString key;
        QVariant value;      // valid for a leaf
        QList<Node> children; // for a mapping
        QList<QList<Node>> items; // for a sequence of mappings
    };
    static Node &child(QList<Node> &nodes, const QString &key);

    QList<Node> m_roots;

    friend class YamlTreeEmitter;
};

} // namespace forgelink

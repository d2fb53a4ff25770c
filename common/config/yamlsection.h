#pragma once

#include "config/secretresolver.h"
#include "core/fielderror.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace forgelink {

// Reads one mapping of a settings file (an answers file, agent.yaml), remembering which keys were
// asked for so the rest can be reported as unknown: a misspelt key must not silently fall back to
// a default. Every problem is added to `errors` under the key's dotted path (gitlab.token,
// providers.github.appId), so one pass reports them all.
class YamlSection {
    Q_DECLARE_TR_FUNCTIONS(forgelink::YamlSection)

public:
    // `secrets` resolves env:, file: and keychain: references; only secret() and secretList() use it.
    YamlSection(const YAML::Node &node, QString path, FieldErrors &errors, const SecretResolver *secrets = nullptr);

    bool isMap() const { return m_node.IsMap(); }
    // The dotted path of one of its keys, for an error.
    QString field(const char *key) const;
    void error(const char *key, const QString &message);
    YAML::Node node(const char *key);
    // Present with a value (not absent, not null).
    bool has(const char *key) const;

    // A single value; absent or null reads as nothing ("is required" when it must be there).
    std::optional<QString> text(const char *key, bool required = false);
    // A single value where `key:` with nothing after it means empty text (an answers file clears
    // a default so); absent reads as nothing.
    std::optional<QString> textOrEmpty(const char *key);
    // true or false; anything else is an error, and reads as `fallback`.
    std::optional<bool> boolean(const char *key, bool fallback);
    std::optional<qint64> number(const char *key, qint64 minimum, qint64 maximum);
    std::optional<double> decimal(const char *key, double minimum, double maximum);
    // A list of plain values (a single value counts as a list of one).
    QStringList textList(const char *key);
    std::optional<QByteArray> secret(const char *key, bool required);
    // A secret or a list of them: the first is current, the others still accepted (rotation).
    QList<QByteArray> secretList(const char *key);

    YamlSection child(const char *key);
    // For a mapping read by hand (forward headers): the node, where problems go, the resolver.
    const YAML::Node &yaml() const { return m_node; }
    FieldErrors &errors() { return m_errors; }
    const SecretResolver *secrets() const { return m_secrets; }
    // Every key of the mapping that was never asked for, with the ones that were.
    void reportUnknownKeys();

private:
    YAML::Node m_node;
    QString m_path;
    FieldErrors &m_errors;
    const SecretResolver *m_secrets;
    QStringList m_used;
};

} // namespace forgelink

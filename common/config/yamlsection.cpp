#include "config/yamlsection.h"

#include "config/yamlsupport.h"

namespace forgelink {

YamlSection::YamlSection(const YAML::Node &node, QString path, FieldErrors &errors, const SecretResolver *secrets)
    : m_node(node), m_path(std::move(path)), m_errors(errors), m_secrets(secrets)
{
}

QString YamlSection::field(const char *key) const
{
    return m_path.isEmpty() ? QString::fromLatin1(key) : m_path + QLatin1Char('.') + QLatin1String(key);
}

void YamlSection::error(const char *key, const QString &message)
{
    m_errors << FieldError{ field(key), message };
}

YAML::Node YamlSection::node(const char *key)
{
    m_used << QString::fromLatin1(key);
    return m_node[key];
}

bool YamlSection::has(const char *key) const
{
    return m_node[key].IsDefined() && !m_node[key].IsNull();
}

std::optional<QString> YamlSection::text(const char *key, bool required)
{
    const YAML::Node value = node(key);
    if (!value.IsDefined() || value.IsNull()) {
        if (required)
            error(key, tr("is required"));
        return std::nullopt;
    }
    if (!value.IsScalar()) {
        error(key, tr("must be a single value, got %1").arg(yamlTypeName(value)));
        return std::nullopt;
    }
    return yamlScalar(value);
}

std::optional<QString> YamlSection::textOrEmpty(const char *key)
{
    const YAML::Node value = m_node[key];
    if (value.IsDefined() && value.IsNull()) {
        m_used << QString::fromLatin1(key);
        return QString();
    }
    return text(key);
}

std::optional<bool> YamlSection::boolean(const char *key, bool fallback)
{
    const auto value = text(key);
    if (!value)
        return std::nullopt;
    if (*value != u"true" && *value != u"false") {
        error(key, tr("must be true or false, got \"%1\"").arg(*value));
        return fallback;
    }
    return *value == u"true";
}

std::optional<qint64> YamlSection::number(const char *key, qint64 minimum, qint64 maximum)
{
    const auto value = text(key);
    if (!value)
        return std::nullopt;
    bool ok = false;
    const qint64 number = value->toLongLong(&ok);
    if (!ok || number < minimum || number > maximum) {
        error(key, tr("must be a whole number from %1 to %2, got \"%3\"").arg(minimum).arg(maximum).arg(*value));
        return std::nullopt;
    }
    return number;
}

std::optional<double> YamlSection::decimal(const char *key, double minimum, double maximum)
{
    const auto value = text(key);
    if (!value)
        return std::nullopt;
    bool ok = false;
    const double number = value->toDouble(&ok);
    if (!ok || number < minimum || number > maximum) {
        error(key, tr("must be a number from %1 to %2, got \"%3\"").arg(minimum).arg(maximum).arg(*value));
        return std::nullopt;
    }
    return number;
}

QStringList YamlSection::textList(const char *key)
{
    const YAML::Node value = node(key);
    QStringList items;
    if (!value.IsDefined() || value.IsNull())
        return items;
    if (value.IsScalar())
        return { yamlScalar(value) };
    if (!value.IsSequence()) {
        error(key, tr("must be a list, got %1").arg(yamlTypeName(value)));
        return items;
    }
    for (const auto &item : value) {
        if (!item.IsScalar()) {
            error(key, tr("must be a list of values"));
            return {};
        }
        items << yamlScalar(item);
    }
    return items;
}

std::optional<QByteArray> YamlSection::secret(const char *key, bool required)
{
    Q_ASSERT(m_secrets);
    const auto reference = text(key, required);
    if (!reference)
        return std::nullopt;
    Result<QByteArray> value = m_secrets->resolve(*reference);
    if (!value) {
        error(key, value.error());
        return std::nullopt;
    }
    return value.value();
}

QList<QByteArray> YamlSection::secretList(const char *key)
{
    Q_ASSERT(m_secrets);
    const YAML::Node value = node(key);
    QList<QByteArray> secrets;
    if (!value.IsDefined() || value.IsNull()) {
        error(key, tr("is required"));
        return secrets;
    }
    QStringList references;
    if (value.IsSequence()) {
        for (const auto &item : value)
            references << (item.IsScalar() ? yamlScalar(item) : QString());
    } else if (value.IsScalar()) {
        references << yamlScalar(value);
    }
    if (references.isEmpty()) {
        error(key, tr("must be a secret or a list of secrets"));
        return secrets;
    }
    for (qsizetype i = 0; i < references.size(); ++i) {
        const QString name = value.IsSequence() ? QStringLiteral("%1[%2]").arg(field(key)).arg(i) : field(key);
        Result<QByteArray> resolved = m_secrets->resolve(references.at(i));
        if (!resolved)
            m_errors << FieldError{ name, resolved.error() };
        else
            secrets << resolved.value();
    }
    return secrets;
}

YamlSection YamlSection::child(const char *key)
{
    return YamlSection(node(key), field(key), m_errors, m_secrets);
}

void YamlSection::reportUnknownKeys()
{
    if (!m_node.IsMap())
        return;
    for (const auto &entry : m_node) {
        const QString key = yamlScalar(entry.first);
        if (!m_used.contains(key))
            m_errors << FieldError{ m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key,
                                    tr("unknown setting; known: %1").arg(m_used.join(u", ")) };
    }
}

} // namespace forgelink

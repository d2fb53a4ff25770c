#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <utility>

namespace forgelink {

// What the administrator answered for one enabled provider: the value of each of its fields, by
// the field's key (ProviderField::key: "url", "token", "webhookSecret", ...). Plain data; which
// keys exist, what they mean and how they are checked is the provider's declaration.
class ProviderAnswers {
public:
    ProviderAnswers() = default;
    ProviderAnswers(std::initializer_list<std::pair<QString, QString>> values)
    {
        for (const auto &[key, value] : values)
            m_values.insert(key, value);
    }

    // The field's value; empty when it was never given.
    QString value(const QString &key) const { return m_values.value(key); }
    void set(const QString &key, const QString &value) { m_values.insert(key, value); }
    bool has(const QString &key) const { return m_values.contains(key); }
    QStringList keys() const { return m_values.keys(); }

    bool operator==(const ProviderAnswers &other) const = default;

private:
    QMap<QString, QString> m_values;
};

} // namespace forgelink

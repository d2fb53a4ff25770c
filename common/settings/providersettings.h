#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QHash>
#include <QString>
#include <QVariant>

#include <initializer_list>
#include <utility>

namespace forgelink {

// One enabled provider's settings as read from agent.yaml, every secret resolved: the value of
// each field the provider declares (GitProvider::agentFields()) by its key. A provider reads them
// into its own settings (GitLabSettings::from(), ...); nothing else looks inside.
class ProviderSettings {
public:
    ProviderSettings() = default;
    ProviderSettings(std::initializer_list<std::pair<QString, QVariant>> values)
    {
        for (const auto &[key, value] : values)
            m_values.insert(key, value);
    }

    bool has(const QString &key) const { return m_values.contains(key); }
    void set(const QString &key, const QVariant &value) { m_values.insert(key, value); }

    // The value as the field's kind gives it; `absent` when the field was not read.
    QString text(const QString &key, const QString &absent = {}) const { return has(key) ? m_values.value(key).toString() : absent; }
    QByteArray secret(const QString &key) const { return m_values.value(key).toByteArray(); }
    QByteArrayList secrets(const QString &key) const { return m_values.value(key).value<QByteArrayList>(); }
    bool flag(const QString &key, bool absent) const { return has(key) ? m_values.value(key).toBool() : absent; }
    double number(const QString &key, double absent) const { return has(key) ? m_values.value(key).toDouble() : absent; }

private:
    QHash<QString, QVariant> m_values;
};

} // namespace forgelink

#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace forgelink {

// Reads fields of a provider's JSON payload and remembers the first one that is missing or of the
// wrong type, by its path (`pull_request.head.ref: expected a string, got a number`), so a bad
// payload is a clear 400 and never a crash.
class JsonFields {
public:
    explicit JsonFields(QJsonObject object, QString path = QString(), QString *error = nullptr);

    QString string(const QString &key);                   // required
    QString optionalString(const QString &key);           // absent or null: empty
    qint64 integer(const QString &key);                   // required
    std::optional<bool> optionalBool(const QString &key);
    JsonFields object(const QString &key);                // required
    std::optional<JsonFields> optionalObject(const QString &key);
    QJsonArray array(const QString &key);                 // required
    // Element `index` of the array at `key`, which must be an object.
    JsonFields element(const QString &key, qsizetype index, const QJsonValue &value);
    bool has(const QString &key) const;

    bool ok() const { return m_error->isEmpty(); }

    // For writing: an empty string is null in forgelink's JSON output.
    static QJsonValue orNull(const QString &value) { return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value); }
    QString error() const { return *m_error; }

private:
    QString pathOf(const QString &key) const;
    void fail(const QString &key, const QString &problem);
    static QString typeName(const QJsonValue &value);

    QJsonObject m_object;
    QString m_path;
    QString m_ownError;
    QString *m_error;
};

} // namespace forgelink

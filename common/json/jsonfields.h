#pragma once

#include <QList>
#include <QString>

#include <simdjson.h>

#include <initializer_list>
#include <memory>
#include <optional>
#include <string_view>

namespace forgelink {

// Reads fields of a provider's JSON (a webhook payload, a page of an API listing) and remembers
// the first one that is missing or of the wrong type, by its path
// (`pull_request.head.ref: expected a string, got a number`), so bad input is a clear error and
// never a crash. Backed by simdjson's parsed document (see JsonParser): valid only while the
// parser that made it has not parsed again.
class JsonFields {
public:
    JsonFields(simdjson::dom::element value, QString path, std::shared_ptr<QString> error);

    QString string(std::string_view key);                   // required
    QString optionalString(std::string_view key);           // absent or null: empty
    qint64 integer(std::string_view key);                   // required
    std::optional<qint64> optionalInteger(std::string_view key); // absent or null: nothing
    std::optional<bool> optionalBool(std::string_view key);
    JsonFields object(std::string_view key);                // required
    std::optional<JsonFields> optionalObject(std::string_view key);
    // The elements of the array at `key`, each of which must be an object.
    QList<JsonFields> objects(std::string_view key);        // required
    QList<JsonFields> optionalObjects(std::string_view key); // absent or null: none
    // This value's own elements, when it is an array of objects (`what` names it in errors).
    QList<JsonFields> asObjects(const QString &what);
    bool has(std::string_view key) const;
    // The string at a path of keys, or empty; never an error. For payloads forgelink does not
    // use, whose shape it does not judge.
    QString find(std::initializer_list<std::string_view> keys) const;

    bool isObject() const;
    bool ok() const { return m_error->isEmpty(); }
    QString error() const { return *m_error; }

private:
    enum class Lookup { Missing, Null, Found };
    Lookup lookup(std::string_view key, simdjson::dom::element &value) const;
    QString pathOf(std::string_view key) const;
    // The string `value` holds, or an error naming `key`.
    QString stringAt(std::string_view key, simdjson::dom::element value);
    void fail(const QString &path, const QString &problem);
    QList<JsonFields> objectsOf(simdjson::dom::element array, const QString &path);
    static QString typeName(simdjson::dom::element value);

    static JsonFields absent(QString path, std::shared_ptr<QString> error);

    simdjson::dom::element m_value;
    bool m_present = true; // false for a missing field (already reported): it has no fields either
    QString m_path;
    std::shared_ptr<QString> m_error; // shared by all fields read from one document
};

} // namespace forgelink

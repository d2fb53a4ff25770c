#include "json/jsonfields.h"

#include <cmath>

namespace forgelink {

using simdjson::dom::element;
using simdjson::dom::element_type;

JsonFields::JsonFields(element value, QString path, std::shared_ptr<QString> error)
    : m_value(value), m_path(std::move(path)), m_error(std::move(error))
{
}

JsonFields JsonFields::absent(QString path, std::shared_ptr<QString> error)
{
    JsonFields fields(element(), std::move(path), std::move(error));
    fields.m_present = false;
    return fields;
}

bool JsonFields::isObject() const
{
    return m_present && m_value.type() == element_type::OBJECT;
}

JsonFields::Lookup JsonFields::lookup(std::string_view key, element &value) const
{
    // A field of something that is not an object (already reported) is simply missing.
    if (!isObject() || m_value.get_object().at_key(key).get(value) != simdjson::SUCCESS)
        return Lookup::Missing;
    return value.is_null() ? Lookup::Null : Lookup::Found;
}

QString JsonFields::pathOf(std::string_view key) const
{
    const QString name = QString::fromUtf8(key.data(), qsizetype(key.size()));
    return m_path.isEmpty() ? name : m_path + QLatin1Char('.') + name;
}

void JsonFields::fail(const QString &path, const QString &problem)
{
    if (m_error->isEmpty())
        *m_error = path + QStringLiteral(": ") + problem;
}

QString JsonFields::typeName(element value)
{
    switch (value.type()) {
    case element_type::NULL_VALUE: return QStringLiteral("null");
    case element_type::BOOL: return QStringLiteral("a boolean");
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return QStringLiteral("a number");
    case element_type::STRING: return QStringLiteral("a string");
    case element_type::ARRAY: return QStringLiteral("an array");
    case element_type::OBJECT: return QStringLiteral("an object");
    }
    return QStringLiteral("nothing");
}

bool JsonFields::has(std::string_view key) const
{
    element value;
    return lookup(key, value) == Lookup::Found;
}

QString JsonFields::stringAt(std::string_view key, element value)
{
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) {
        fail(pathOf(key), QStringLiteral("expected a string, got %1").arg(typeName(value)));
        return {};
    }
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString JsonFields::string(std::string_view key)
{
    element value;
    if (lookup(key, value) == Lookup::Missing) {
        fail(pathOf(key), QStringLiteral("is missing"));
        return {};
    }
    return stringAt(key, value);
}

QString JsonFields::optionalString(std::string_view key)
{
    element value;
    if (lookup(key, value) != Lookup::Found)
        return {};
    return stringAt(key, value);
}

qint64 JsonFields::integer(std::string_view key)
{
    element value;
    if (lookup(key, value) == Lookup::Missing) {
        fail(pathOf(key), QStringLiteral("is missing"));
        return 0;
    }
    switch (value.type()) {
    case element_type::INT64: return value.get_int64().value_unsafe();
    case element_type::UINT64: // above the largest signed 64-bit number: no id is that big
        fail(pathOf(key), QStringLiteral("number %1 is out of range").arg(value.get_uint64().value_unsafe()));
        return 0;
    case element_type::DOUBLE: {
        // 42.0 is an integer written oddly; 1.5 is not one, and 1e300 is beyond any id.
        const double number = value.get_double().value_unsafe();
        if (std::trunc(number) != number)
            fail(pathOf(key), QStringLiteral("expected an integer, got %1").arg(number));
        else if (!(number >= -9.2e18 && number <= 9.2e18))
            fail(pathOf(key), QStringLiteral("number %1 is out of range").arg(number));
        else
            return qint64(number);
        return 0;
    }
    default:
        fail(pathOf(key), QStringLiteral("expected a number, got %1").arg(typeName(value)));
        return 0;
    }
}

std::optional<qint64> JsonFields::optionalInteger(std::string_view key)
{
    element value;
    if (lookup(key, value) != Lookup::Found)
        return std::nullopt;
    return integer(key);
}

std::optional<bool> JsonFields::optionalBool(std::string_view key)
{
    element value;
    if (lookup(key, value) != Lookup::Found)
        return std::nullopt;
    bool flag = false;
    if (value.get_bool().get(flag) != simdjson::SUCCESS) {
        fail(pathOf(key), QStringLiteral("expected a boolean, got %1").arg(typeName(value)));
        return std::nullopt;
    }
    return flag;
}

JsonFields JsonFields::object(std::string_view key)
{
    element value;
    if (lookup(key, value) == Lookup::Missing) {
        fail(pathOf(key), QStringLiteral("is missing"));
        return absent(pathOf(key), m_error);
    }
    if (value.type() != element_type::OBJECT)
        fail(pathOf(key), QStringLiteral("expected an object, got %1").arg(typeName(value)));
    return JsonFields(value, pathOf(key), m_error);
}

std::optional<JsonFields> JsonFields::optionalObject(std::string_view key)
{
    element value;
    if (lookup(key, value) != Lookup::Found)
        return std::nullopt;
    if (value.type() != element_type::OBJECT) {
        fail(pathOf(key), QStringLiteral("expected an object, got %1").arg(typeName(value)));
        return std::nullopt;
    }
    return JsonFields(value, pathOf(key), m_error);
}

QList<JsonFields> JsonFields::objects(std::string_view key)
{
    element value;
    if (lookup(key, value) == Lookup::Missing) {
        fail(pathOf(key), QStringLiteral("is missing"));
        return {};
    }
    return objectsOf(value, pathOf(key));
}

QList<JsonFields> JsonFields::optionalObjects(std::string_view key)
{
    element value;
    if (lookup(key, value) != Lookup::Found)
        return {};
    return objectsOf(value, pathOf(key));
}

QList<JsonFields> JsonFields::asObjects(const QString &what)
{
    if (!m_present)
        return {};
    return objectsOf(m_value, what);
}

QList<JsonFields> JsonFields::objectsOf(element array, const QString &path)
{
    simdjson::dom::array elements;
    if (array.get_array().get(elements) != simdjson::SUCCESS) {
        fail(path, QStringLiteral("expected an array, got %1").arg(typeName(array)));
        return {};
    }
    QList<JsonFields> list;
    list.reserve(qsizetype(elements.size()));
    qsizetype index = 0;
    for (element item : elements) {
        const QString indexed = QStringLiteral("%1[%2]").arg(path).arg(index++);
        if (item.type() != element_type::OBJECT)
            fail(indexed, QStringLiteral("expected an object, got %1").arg(typeName(item)));
        list << JsonFields(item, indexed, m_error);
    }
    return list;
}

QString JsonFields::find(std::initializer_list<std::string_view> keys) const
{
    if (!m_present)
        return {};
    element value = m_value;
    for (std::string_view key : keys) {
        simdjson::dom::object object;
        if (value.get_object().get(object) != simdjson::SUCCESS || object.at_key(key).get(value) != simdjson::SUCCESS)
            return {};
    }
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS)
        return {};
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

} // namespace forgelink

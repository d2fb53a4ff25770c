#include "jsonfields.h"

namespace forgelink {

JsonFields::JsonFields(QJsonObject object, QString path, QString *error)
    : m_object(std::move(object)), m_path(std::move(path)), m_error(error ? error : &m_ownError)
{
}

QString JsonFields::pathOf(const QString &key) const
{
    return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
}

void JsonFields::fail(const QString &key, const QString &problem)
{
    if (m_error->isEmpty())
        *m_error = pathOf(key) + QStringLiteral(": ") + problem;
}

QString JsonFields::typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    default: return QStringLiteral("nothing");
    }
}

bool JsonFields::has(const QString &key) const
{
    const QJsonValue value = m_object.value(key);
    return !value.isUndefined() && !value.isNull();
}

QString JsonFields::string(const QString &key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined())
        fail(key, QStringLiteral("is missing"));
    else if (!value.isString())
        fail(key, QStringLiteral("expected a string, got %1").arg(typeName(value)));
    return value.toString();
}

QString JsonFields::optionalString(const QString &key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString())
        fail(key, QStringLiteral("expected a string, got %1").arg(typeName(value)));
    return value.toString();
}

qint64 JsonFields::integer(const QString &key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined())
        fail(key, QStringLiteral("is missing"));
    else if (!value.isDouble())
        fail(key, QStringLiteral("expected a number, got %1").arg(typeName(value)));
    return qint64(value.toDouble());
}

std::optional<bool> JsonFields::optionalBool(const QString &key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isBool()) {
        fail(key, QStringLiteral("expected a boolean, got %1").arg(typeName(value)));
        return std::nullopt;
    }
    return value.toBool();
}

JsonFields JsonFields::object(const QString &key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined())
        fail(key, QStringLiteral("is missing"));
    else if (!value.isObject())
        fail(key, QStringLiteral("expected an object, got %1").arg(typeName(value)));
    return JsonFields(value.toObject(), pathOf(key), m_error);
}

std::optional<JsonFields> JsonFields::optionalObject(const QString &key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isObject()) {
        fail(key, QStringLiteral("expected an object, got %1").arg(typeName(value)));
        return std::nullopt;
    }
    return JsonFields(value.toObject(), pathOf(key), m_error);
}

QJsonArray JsonFields::array(const QString &key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined())
        fail(key, QStringLiteral("is missing"));
    else if (!value.isArray())
        fail(key, QStringLiteral("expected an array, got %1").arg(typeName(value)));
    return value.toArray();
}

JsonFields JsonFields::element(const QString &key, qsizetype index, const QJsonValue &value)
{
    const QString indexed = QStringLiteral("%1[%2]").arg(key).arg(index);
    if (!value.isObject())
        fail(indexed, QStringLiteral("expected an object, got %1").arg(typeName(value)));
    return JsonFields(value.toObject(), pathOf(indexed), m_error);
}

} // namespace forgelink

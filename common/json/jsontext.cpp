#include "json/jsontext.h"

namespace forgelink {

void JsonText::separate()
{
    if (!m_first)
        m_text += ',';
    m_first = false;
}

void JsonText::beginObject()
{
    separate();
    m_text += '{';
    m_first = true;
}

void JsonText::beginObject(QStringView key)
{
    separate();
    appendString(key);
    m_text += ":{";
    m_first = true;
}

void JsonText::endObject()
{
    m_text += '}';
    m_first = false;
}

void JsonText::beginArray()
{
    separate();
    m_text += '[';
    m_first = true;
}

void JsonText::endArray()
{
    m_text += ']';
    m_first = false;
}

void JsonText::member(QStringView key, QStringView value, bool emptyIsNull)
{
    separate();
    appendString(key);
    m_text += ':';
    if (emptyIsNull && value.isEmpty())
        m_text += "null";
    else
        appendString(value);
}

void JsonText::member(QStringView key, std::optional<qint64> value)
{
    separate();
    appendString(key);
    m_text += ':';
    if (value)
        m_text += QByteArray::number(*value);
    else
        m_text += "null";
}

void JsonText::appendString(QStringView value)
{
    static const char hex[] = "0123456789abcdef";
    m_text += '"';
    const QByteArray utf8 = value.toUtf8();
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"': m_text += "\\\""; break;
        case '\\': m_text += "\\\\"; break;
        case '\n': m_text += "\\n"; break;
        case '\r': m_text += "\\r"; break;
        case '\t': m_text += "\\t"; break;
        default:
            if (byte < 0x20) {
                m_text += "\\u00";
                m_text += hex[byte >> 4];
                m_text += hex[byte & 0xf];
            } else {
                m_text += c;
            }
        }
    }
    m_text += '"';
}

} // namespace forgelink

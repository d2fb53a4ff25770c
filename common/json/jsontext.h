#pragma once

#include <QByteArray>
#include <QStringView>

#include <optional>

namespace forgelink {

// Appends JSON text (RFC 8259) to a UTF-8 buffer, for the small flat objects written on every
// delivery (its headers and normalized events), where building a QJsonDocument costs more than
// recording the delivery itself.
class JsonText {
public:
    explicit JsonText(qsizetype reserve = 256) { m_text.reserve(reserve); }

    void beginObject();
    // An object member whose value is an object: its key, then begin it.
    void beginObject(QStringView key);
    void endObject();
    void beginArray();
    void endArray();
    // An object member: the key, then its value. An empty string is written as null when asked.
    void member(QStringView key, QStringView value, bool emptyIsNull = false);
    void member(QStringView key, std::optional<qint64> value);

    QByteArray take() { return std::move(m_text); }

private:
    void separate();
    void appendString(QStringView value);

    QByteArray m_text;
    bool m_first = true;
};

} // namespace forgelink

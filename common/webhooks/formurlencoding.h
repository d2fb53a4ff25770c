#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace forgelink {

// application/x-www-form-urlencoded as HTML forms and GitHub send it: name=value pairs joined by
// '&', a space written as '+', other bytes as %XX (WHATWG URL standard, "urlencoded parsing").
class FormUrlEncoding {
public:
    // The decoded value of the first field called `name`, or nothing when there is none.
    static std::optional<QByteArray> field(QByteArrayView body, QByteArrayView name);
    static QByteArray decode(QByteArrayView encoded);
};

} // namespace forgelink

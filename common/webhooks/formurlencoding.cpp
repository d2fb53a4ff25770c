#include "webhooks/formurlencoding.h"

namespace forgelink {

QByteArray FormUrlEncoding::decode(QByteArrayView encoded)
{
    // '+' first, then percent-decoding, so an encoded plus (%2B) stays a plus.
    QByteArray plusDecoded = encoded.toByteArray();
    plusDecoded.replace('+', ' ');
    return QByteArray::fromPercentEncoding(plusDecoded);
}

std::optional<QByteArray> FormUrlEncoding::field(QByteArrayView body, QByteArrayView name)
{
    qsizetype start = 0;
    while (start <= body.size()) {
        qsizetype end = body.indexOf('&', start);
        if (end < 0)
            end = body.size();
        const QByteArrayView pair = body.sliced(start, end - start);
        const qsizetype equals = pair.indexOf('=');
        const QByteArrayView key = equals < 0 ? pair : pair.first(equals);
        if (decode(key) == name)
            return decode(equals < 0 ? QByteArrayView() : pair.sliced(equals + 1));
        start = end + 1;
    }
    return std::nullopt;
}

} // namespace forgelink

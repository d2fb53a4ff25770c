#pragma once

#include <QByteArray>

namespace forgelink {

// The few primitives webhook verification needs, from OpenSSL.
class Crypto {
public:
    static QByteArray hmacSha256(const QByteArray &key, const QByteArray &data);
    static QByteArray sha256(const QByteArray &data);
    // Compares in time that depends only on the lengths, never on where the bytes differ.
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
};

} // namespace forgelink

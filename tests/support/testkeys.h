#pragma once

#include <QByteArray>

namespace forgelink::test {

// Keys made at test time, so no key is ever committed.
class TestKeys {
public:
    static QByteArray rsaPrivateKeyPem(int bits = 2048);
    static QByteArray encryptedRsaPrivateKeyPem();
    static QByteArray rsaPublicKeyPem();
    static QByteArray ecPrivateKeyPem();
};

} // namespace forgelink::test

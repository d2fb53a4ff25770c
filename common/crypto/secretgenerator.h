#pragma once

#include <QString>

namespace forgelink {

// Webhook secrets and passwords from OpenSSL's CSPRNG. Letters and digits only, so a secret is
// safe unquoted in YAML, in URLs and in HTTP headers (including Basic auth user:pass).
class SecretGenerator {
public:
    // 48 characters of [A-Za-z0-9]: about 285 bits.
    static constexpr int defaultLength = 48;

    static QString generate(int length = defaultLength);
    // `count` bytes from the CSPRNG (keys that are stored as base64).
    static QByteArray randomBytes(int count);
    static QString alphabet();
};

} // namespace forgelink

#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace forgelink {

// Signing as the Standard Webhooks specification says (standardwebhooks.com): the signature is
// "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)); the key is the base64
// text after "whsec_". Consumers' libraries decode every secret so, so no other form is taken.
class StandardWebhooks {
public:
    // What is wrong with a secret, or nothing for whsec_<base64 of 24 to 64 bytes>. The message
    // never repeats the secret.
    static std::optional<QString> secretProblem(const QByteArray &secret);
    // A new secret of 32 random bytes.
    static QByteArray generateSecret();
    static QByteArray key(const QByteArray &secret);
    static QByteArray signature(const QByteArray &key, const QByteArray &id, qint64 timestamp, const QByteArray &body);
};

} // namespace forgelink

#pragma once

#include <QByteArray>

namespace forgelink {

// Signing as the Standard Webhooks specification says (standardwebhooks.com): the signature is
// "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)); the key is the base64
// text after "whsec_" when the secret starts with it, else the secret's bytes.
class StandardWebhooks {
public:
    static QByteArray key(const QByteArray &secret);
    static QByteArray signature(const QByteArray &key, const QByteArray &id, qint64 timestamp, const QByteArray &body);
};

} // namespace forgelink

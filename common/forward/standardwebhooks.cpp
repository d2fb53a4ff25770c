#include "forward/standardwebhooks.h"

#include "crypto/crypto.h"

namespace forgelink {

QByteArray StandardWebhooks::key(const QByteArray &secret)
{
    if (secret.startsWith("whsec_"))
        return QByteArray::fromBase64(secret.mid(6));
    return secret;
}

QByteArray StandardWebhooks::signature(const QByteArray &key, const QByteArray &id, qint64 timestamp, const QByteArray &body)
{
    const QByteArray content = id + '.' + QByteArray::number(timestamp) + '.' + body;
    return "v1," + Crypto::hmacSha256(key, content).toBase64();
}

} // namespace forgelink

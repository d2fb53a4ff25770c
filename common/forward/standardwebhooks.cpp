#include "forward/standardwebhooks.h"

#include "crypto/crypto.h"
#include "crypto/secretgenerator.h"

namespace forgelink {

namespace {
constexpr int kFewestKeyBytes = 24;
constexpr int kMostKeyBytes = 64;
} // namespace

std::optional<QString> StandardWebhooks::secretProblem(const QByteArray &secret)
{
    const QString howTo = QStringLiteral("; make one with: echo \"whsec_$(openssl rand -base64 32)\"");
    if (!secret.startsWith("whsec_"))
        return QStringLiteral("must be whsec_ followed by the base64 of 24 to 64 random bytes (Standard Webhooks' format, which "
                              "consumers' libraries expect)") + howTo;
    const auto decoded = QByteArray::fromBase64Encoding(secret.mid(6), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return QStringLiteral("is not valid base64 after whsec_") + howTo;
    if (decoded.decoded.size() < kFewestKeyBytes || decoded.decoded.size() > kMostKeyBytes)
        return QStringLiteral("decodes to %1 bytes; Standard Webhooks keys are 24 to 64").arg(decoded.decoded.size()) + howTo;
    return std::nullopt;
}

QByteArray StandardWebhooks::generateSecret()
{
    return "whsec_" + SecretGenerator::randomBytes(32).toBase64();
}

QByteArray StandardWebhooks::key(const QByteArray &secret)
{
    return QByteArray::fromBase64(secret.mid(6)); // after "whsec_"
}

QByteArray StandardWebhooks::signature(const QByteArray &key, const QByteArray &id, qint64 timestamp, const QByteArray &body)
{
    const QByteArray content = id + '.' + QByteArray::number(timestamp) + '.' + body;
    return "v1," + Crypto::hmacSha256(key, content).toBase64();
}

} // namespace forgelink

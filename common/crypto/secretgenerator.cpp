#include "crypto/secretgenerator.h"

#include <QByteArray>

#include <openssl/rand.h>

#include <cstdlib>

namespace forgelink {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr int kAlphabetSize = sizeof(kAlphabet) - 1; // 62
// Rejection sampling keeps every character equally likely: 248 = 4 * 62.
constexpr unsigned char kAcceptBelow = 248;
} // namespace

QString SecretGenerator::alphabet()
{
    return QString::fromLatin1(kAlphabet);
}

QString SecretGenerator::generate(int length)
{
    QString secret;
    secret.reserve(length);
    unsigned char buffer[64];
    while (secret.size() < length) {
        if (RAND_bytes(buffer, sizeof(buffer)) != 1)
            std::abort(); // no entropy: never hand out a predictable secret
        for (unsigned char byte : buffer) {
            if (byte < kAcceptBelow && secret.size() < length)
                secret.append(QLatin1Char(kAlphabet[byte % kAlphabetSize]));
        }
    }
    return secret;
}

QByteArray SecretGenerator::randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), count) != 1)
        std::abort(); // no entropy: never hand out a predictable key
    return bytes;
}

} // namespace forgelink

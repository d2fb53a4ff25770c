#include "crypto/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace forgelink {

QByteArray Crypto::hmacSha256(const QByteArray &key, const QByteArray &data)
{
    // Fetched once (an EVP_MAC is shareable between threads): the one-shot HMAC() looks the
    // algorithm up on every call, which costs as much as hashing a small webhook body.
    static EVP_MAC *const hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    EVP_MAC_CTX *context = EVP_MAC_CTX_new(hmac);
    char digestName[] = "SHA256";
    const OSSL_PARAM parameters[] = { OSSL_PARAM_construct_utf8_string("digest", digestName, 0), OSSL_PARAM_construct_end() };
    unsigned char digest[EVP_MAX_MD_SIZE];
    size_t length = 0;
    const bool done = context && EVP_MAC_init(context, reinterpret_cast<const unsigned char *>(key.constData()), size_t(key.size()), parameters)
            && EVP_MAC_update(context, reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()))
            && EVP_MAC_final(context, digest, &length, sizeof digest);
    EVP_MAC_CTX_free(context);
    // An empty result never equals a signature, so a failure here rejects the delivery.
    return done ? QByteArray(reinterpret_cast<const char *>(digest), qsizetype(length)) : QByteArray();
}

QByteArray Crypto::sha256(const QByteArray &data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.constData(), size_t(data.size()), digest, &length, EVP_sha256(), nullptr);
    return QByteArray(reinterpret_cast<const char *>(digest), int(length));
}

bool Crypto::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace forgelink

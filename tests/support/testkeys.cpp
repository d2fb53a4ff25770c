#include "testkeys.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>

namespace forgelink::test {

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

QByteArray drain(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, size);
}

// One RSA key per test process is enough and keeps the suite fast.
EVP_PKEY *sharedRsaKey()
{
    static Key key(EVP_RSA_gen(2048), &EVP_PKEY_free);
    return key.get();
}

} // namespace

QByteArray TestKeys::rsaPrivateKeyPem(int bits)
{
    Key fresh(bits == 2048 ? nullptr : EVP_RSA_gen(unsigned(bits)), &EVP_PKEY_free);
    EVP_PKEY *key = fresh ? fresh.get() : sharedRsaKey();
    Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    return drain(bio.get());
}

QByteArray TestKeys::encryptedRsaPrivateKeyPem()
{
    Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
    static char passphrase[] = "correct horse";
    PEM_write_bio_PrivateKey(bio.get(), sharedRsaKey(), EVP_aes_256_cbc(),
                             reinterpret_cast<unsigned char *>(passphrase), sizeof(passphrase) - 1,
                             nullptr, nullptr);
    return drain(bio.get());
}

QByteArray TestKeys::rsaPublicKeyPem()
{
    Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_PUBKEY(bio.get(), sharedRsaKey());
    return drain(bio.get());
}

QByteArray TestKeys::ecPrivateKeyPem()
{
    Key key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    return drain(bio.get());
}

} // namespace forgelink::test

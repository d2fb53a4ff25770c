#include "crypto/privatekey.h"

#include <QFile>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace forgelink {

namespace {

// OpenSSL asks for a passphrase only when the PEM is encrypted; refusing it tells us so.
int refusePassphrase(char *, int, int, void *askedFlag)
{
    *static_cast<bool *>(askedFlag) = true;
    return 0;
}

} // namespace

Result<PrivateKey> PrivateKey::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return fail(tr("%1 does not exist").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > 64 * 1024)
        return fail(tr("%1 is not a PEM private key (too large)").arg(path));
    return fromPem(file.readAll(), path);
}

Result<PrivateKey> PrivateKey::fromPem(const QByteArray &pem, const QString &what)
{
    if (pem.contains("-----BEGIN PUBLIC KEY-----") || pem.contains("-----BEGIN RSA PUBLIC KEY-----"))
        return fail(tr("%1 is a public key; the private key (.pem) generated in the "
                                   "GitHub App's settings is needed")
                            .arg(what));

    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())),
                                                  &BIO_free);
    bool askedForPassphrase = false;
    EVP_PKEY *raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, &refusePassphrase, &askedForPassphrase);
    ERR_clear_error(); // keep OpenSSL's queue clean for the next caller
    if (!raw) {
        if (askedForPassphrase || pem.contains("ENCRYPTED"))
            return fail(tr("%1 is encrypted; GitHub's keys are not: give the key without "
                                       "a passphrase (openssl pkey -in KEY -out PLAIN.pem)")
                                .arg(what));
        return fail(tr("%1 is not a PEM private key").arg(what));
    }
    PrivateKey key;
    key.m_key.reset(raw, &EVP_PKEY_free);
    if (EVP_PKEY_get_base_id(raw) != EVP_PKEY_RSA)
        return fail(tr("%1 holds a %2 key; GitHub App keys are RSA")
                            .arg(what, QString::fromLatin1(OBJ_nid2sn(EVP_PKEY_get_base_id(raw)))));
    key.m_pem = pem;
    return key;
}

int PrivateKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

Result<QByteArray> PrivateKey::signSha256(const QByteArray &data) const
{
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    size_t length = 0;
    if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1
        || EVP_DigestSign(context.get(), nullptr, &length,
                          reinterpret_cast<const unsigned char *>(data.constData()), data.size())
                != 1) {
        ERR_clear_error();
        return fail(QStringLiteral("cannot sign with the private key"));
    }
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(data.constData()), data.size())
        != 1) {
        ERR_clear_error();
        return fail(QStringLiteral("cannot sign with the private key"));
    }
    signature.truncate(qsizetype(length));
    return signature;
}

} // namespace forgelink

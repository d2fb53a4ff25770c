#include "testcertificates.h"

#include "testpaths.h"

#include <QDir>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace forgelink::test {

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

QByteArray pem(X509 *certificate)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, certificate);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray out(data, size);
    BIO_free(bio);
    return out;
}

QByteArray pem(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray out(data, size);
    BIO_free(bio);
    return out;
}

void addExtension(X509 *certificate, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    X509_add_ext(certificate, extension, -1);
    X509_EXTENSION_free(extension);
}

Certificate make(const char *commonName, EVP_PKEY *key, X509 *issuer, EVP_PKEY *issuerKey, long serial)
{
    Certificate certificate(X509_new(), &X509_free);
    X509_set_version(certificate.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), serial);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 24 * 3600);
    X509_set_pubkey(certificate.get(), key);
    X509_NAME *name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("forgelink tests"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>(commonName), -1, -1, 0);
    X509_set_issuer_name(certificate.get(), issuer ? X509_get_subject_name(issuer) : name);
    X509 *signer = issuer ? issuer : certificate.get();
    if (!issuer) {
        addExtension(certificate.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
        addExtension(certificate.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        addExtension(certificate.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
        addExtension(certificate.get(), signer, NID_ext_key_usage, "serverAuth");
        addExtension(certificate.get(), signer, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
    }
    addExtension(certificate.get(), signer, NID_subject_key_identifier, "hash");
    X509_sign(certificate.get(), issuerKey ? issuerKey : key, EVP_sha256());
    return certificate;
}

} // namespace

TestCertificates::TestCertificates()
{
    Key caKey(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    Key serverKey(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    Certificate ca = make("forgelink test CA", caKey.get(), nullptr, nullptr, 1);
    Certificate server = make("127.0.0.1", serverKey.get(), ca.get(), caKey.get(), 2);
    m_caPem = pem(ca.get());
    m_serverPem = pem(server.get());
    m_serverKeyPem = pem(serverKey.get());
}

bool TestCertificates::writeTo(const QString &directory) const
{
    const QDir dir(directory);
    return TestPaths::writeFile(dir.filePath(QStringLiteral("ca.pem")), m_caPem)
            && TestPaths::writeFile(dir.filePath(QStringLiteral("server.pem")), m_serverPem)
            && TestPaths::writeFile(dir.filePath(QStringLiteral("server.key")), m_serverKeyPem);
}

} // namespace forgelink::test

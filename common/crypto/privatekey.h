#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>

struct evp_pkey_st;

namespace forgelink {

// An unencrypted RSA private key (a GitHub App's .pem), loaded with OpenSSL. Loading explains
// what is wrong with a file that is not such a key; signing gives RS256 signatures for JWTs.
class PrivateKey {
    Q_DECLARE_TR_FUNCTIONS(forgelink::PrivateKey)

public:
    static Result<PrivateKey> fromFile(const QString &path);
    // `what` names the key in error messages ("github.privateKeyFile", a path, ...).
    static Result<PrivateKey> fromPem(const QByteArray &pem, const QString &what);

    QByteArray pem() const { return m_pem; }
    int bits() const;

    // RSASSA-PKCS1-v1_5 with SHA-256 over data (JWT "RS256").
    Result<QByteArray> signSha256(const QByteArray &data) const;

private:
    PrivateKey() = default;

    QByteArray m_pem;
    std::shared_ptr<evp_pkey_st> m_key;
};

} // namespace forgelink

#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <functional>

namespace forgelink {

// Turns a secret reference from agent.yaml into the secret: `env:NAME`, `file:PATH` (Kubernetes
// Secret mounts; relative to the config's folder; one trailing newline dropped), `keychain:KEY`, or
// the literal value. Errors name the reference (the variable, the file), never the secret.
class SecretResolver {
    Q_DECLARE_TR_FUNCTIONS(forgelink::SecretResolver)

public:
    using KeychainLookup = std::function<Result<QByteArray>(const QString &key)>;

    explicit SecretResolver(QString baseDirectory, KeychainLookup keychain = {});

    Result<QByteArray> resolve(const QString &reference) const;

private:
    QString m_baseDirectory;
    KeychainLookup m_keychain;
};

} // namespace forgelink

#include "config/secretresolver.h"

#include <QDir>
#include <QFile>

namespace forgelink {

SecretResolver::SecretResolver(QString baseDirectory, KeychainLookup keychain)
    : m_baseDirectory(std::move(baseDirectory)), m_keychain(std::move(keychain))
{
}

Result<QByteArray> SecretResolver::resolve(const QString &reference) const
{
    if (reference.startsWith(QLatin1String("env:"))) {
        const QString name = reference.mid(4);
        if (name.isEmpty())
            return fail(tr("env: needs a variable name, e.g. env:GITLAB_TOKEN"));
        if (!qEnvironmentVariableIsSet(name.toLocal8Bit().constData()))
            return fail(tr("environment variable %1 is not set").arg(name));
        const QByteArray value = qgetenv(name.toLocal8Bit().constData());
        if (value.isEmpty())
            return fail(tr("environment variable %1 is empty").arg(name));
        return value;
    }
    if (reference.startsWith(QLatin1String("file:"))) {
        const QString path = QDir(m_baseDirectory).absoluteFilePath(reference.mid(5));
        if (reference.size() == 5)
            return fail(tr("file: needs a path, e.g. file:/run/secrets/token"));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(tr("cannot read file %1: %2").arg(path, file.errorString()));
        QByteArray value = file.readAll();
        // `echo secret > file` adds a newline the provider never sent; a PEM keeps its own.
        if (!value.startsWith("-----BEGIN")) {
            if (value.endsWith("\r\n"))
                value.chop(2);
            else if (value.endsWith('\n'))
                value.chop(1);
        }
        if (value.isEmpty())
            return fail(tr("file %1 is empty").arg(path));
        return value;
    }
    if (reference.startsWith(QLatin1String("keychain:"))) {
        const QString key = reference.mid(9);
        if (key.isEmpty())
            return fail(tr("keychain: needs a key, e.g. keychain:forgelink/gitlab"));
        if (!m_keychain)
            return fail(tr("keychain references are not available here"));
        Result<QByteArray> value = m_keychain(key);
        if (!value)
            return fail(tr("keychain entry %1: %2").arg(key, value.error()));
        if (value->isEmpty())
            return fail(tr("keychain entry %1 is empty").arg(key));
        return value;
    }
    if (reference.isEmpty())
        return fail(tr("is empty; give the secret, or env:NAME, file:PATH or keychain:KEY"));
    return reference.toUtf8();
}

} // namespace forgelink

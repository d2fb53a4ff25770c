#include "keychainlookup.h"

#include <QEventLoop>

#include <qt6keychain/keychain.h>

namespace forgelink {

Result<QByteArray> KeychainLookup::read(const QString &reference)
{
    const qsizetype slash = reference.indexOf(QLatin1Char('/'));
    const QString service = slash > 0 ? reference.left(slash) : QStringLiteral("forgelink");
    const QString key = slash > 0 ? reference.mid(slash + 1) : reference;

    QKeychain::ReadPasswordJob job(service);
    job.setAutoDelete(false);
    job.setKey(key);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() == QKeychain::EntryNotFound)
        return fail(QStringLiteral("not found in the keychain"));
    if (job.error() != QKeychain::NoError)
        return fail(QStringLiteral("the keychain is not available: %1").arg(job.errorString()));
    return job.binaryData();
}

} // namespace forgelink

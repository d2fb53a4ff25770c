#include "secretstore.h"

#include <qt6keychain/keychain.h>

namespace forgelink {

// Jobs have no parent: the keychain backend calls back into a job until it finishes, so a job
// must outlive its owner and delete itself then (autoDelete). `this` as the context drops the
// answer of a job whose store is gone.
SecretStore::SecretStore(QString service, QObject *parent) : QObject(parent), m_service(std::move(service)) { }

void SecretStore::probe(std::function<void(bool, const QString &)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(QStringLiteral("forgelink-probe"));
    connect(job, &QKeychain::Job::finished, this, [this, job, done] {
        // "Not found" means the keychain answered; anything else means there is none to use.
        m_available = job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
        done(m_available, m_available ? QString() : job->errorString());
    });
    job->start();
}

void SecretStore::write(const QString &key, const QString &value)
{
    if (!m_available)
        return;
    QKeychain::Job *job = nullptr;
    if (value.isEmpty()) {
        auto *remove = new QKeychain::DeletePasswordJob(m_service);
        remove->setKey(key);
        job = remove;
    } else {
        auto *store = new QKeychain::WritePasswordJob(m_service);
        store->setKey(key);
        store->setTextData(value);
        job = store;
    }
    connect(job, &QKeychain::Job::finished, this, [this, job, key] {
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
            Q_EMIT failed(tr("Could not keep %1 in the keychain: %2").arg(key, job->errorString()));
    });
    job->start();
}

void SecretStore::read(const QStringList &keys, std::function<void(const QHash<QString, QString> &)> done)
{
    if (!m_available || keys.isEmpty()) {
        done({});
        return;
    }
    auto values = std::make_shared<QHash<QString, QString>>();
    auto pending = std::make_shared<int>(int(keys.size()));
    for (const QString &key : keys) {
        auto *job = new QKeychain::ReadPasswordJob(m_service);
        job->setKey(key);
        connect(job, &QKeychain::Job::finished, this, [job, key, values, pending, done] {
            if (job->error() == QKeychain::NoError)
                values->insert(key, job->textData());
            if (--*pending == 0)
                done(*values);
        });
        job->start();
    }
}

} // namespace forgelink

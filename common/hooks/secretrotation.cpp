#include "hooks/secretrotation.h"

#include "config/securefilewriter.h"
#include "crypto/secretgenerator.h"
#include "hooks/hooklifecycle.h"
#include "providers/providerregistry.h"
#include "store/store.h"

#include <QFileInfo>

namespace forgelink {

SecretRotation::SecretRotation(const AgentConfig &config, Store &store, const QString &owner)
    : m_config(config), m_store(store), m_owner(owner)
{
}

Result<QByteArray> SecretRotation::begin(Provider provider, const QString &file)
{
    Result<QHash<Provider, QList<QByteArray>>> stored = m_store.rotatedSecrets().all();
    if (!stored)
        return fail(stored.error());
    QList<QByteArray> current = stored->value(provider);
    if (current.isEmpty())
        current = ProviderRegistry::get(provider).credentials(m_config).secrets;
    const QByteArray fresh = SecretGenerator::generate().toUtf8();
    if (Result<void> written = SecureFileWriter::writeAll({ { QFileInfo(file).absoluteFilePath(), fresh + '\n' } }); !written)
        return fail(written.error());
    if (Result<void> both = m_store.rotatedSecrets().set(provider, QList<QByteArray>{ fresh } + current); !both)
        return fail(both.error());
    return fresh;
}

Result<QStringList> SecretRotation::finish(Provider provider, const QByteArray &fresh)
{
    HookLifecycle lifecycle(m_config, m_store, m_owner);
    Result<QStringList> updated = lifecycle.updateSecrets(provider, fresh);
    if (!updated)
        return fail(QStringLiteral("not every hook has the new secret: %1\nBoth secrets stay accepted; run rotate-secret again once the"
                                   " provider answers.")
                            .arg(updated.error()));
    if (Result<void> retired = m_store.rotatedSecrets().set(provider, { fresh }); !retired)
        return fail(retired.error());
    return updated;
}

} // namespace forgelink

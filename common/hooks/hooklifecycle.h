#pragma once

#include "providers/hookprovisioner.h"
#include "settings/agentconfig.h"
#include "store/store.h"

#include <QMap>

#include <memory>

namespace forgelink {

// Attaches and detaches repositories: creates each provider's hooks (a GitLab project hook, a
// Bitbucket webhook, three Azure DevOps subscriptions), idempotently and all or nothing, records
// them so detach removes exactly those, and reconciles them daily. A lease in the database per
// repository keeps agents that share it from creating a hook twice.
class HookLifecycle {
public:
    HookLifecycle(const AgentConfig &config, Store &store, QString holder);
    ~HookLifecycle();

    // Each returns what was done, one line per hook, for the operator.
    Result<QStringList> attach(Provider provider, const QString &repository);
    Result<QStringList> detach(Provider provider, const QString &repository);

    struct ReconcileReport {
        QStringList lines;
        int failures = 0;
    };
    // Recreates missing hooks, repairs and re-enables ours, removes ours from repositories that
    // left the synced set, and attaches new ones when autoAttach asks for it.
    ReconcileReport reconcile(std::optional<Provider> only = std::nullopt);

    // Sets a new secret on every recorded hook of the provider (or on the account's one webhook,
    // a GitHub App's).
    Result<QStringList> updateSecrets(Provider provider, const QByteArray &secret);

    static bool matchesAutoAttach(const AgentConfig &config, const QString &fullPath);

private:
    Result<HookProvisioner *> provisioner(Provider provider);
    Result<Repository> resolve(Provider provider, const QString &reference);
    Result<QStringList> attachRepository(Provider provider, const Repository &repository);
    Result<QStringList> detachRepository(Provider provider, const Repository &repository);
    Result<void> lock(const QString &name);

    const AgentConfig &m_config;
    Store &m_store;
    QString m_holder;
    std::map<Provider, std::unique_ptr<HookProvisioner>> m_provisioners;
};

} // namespace forgelink

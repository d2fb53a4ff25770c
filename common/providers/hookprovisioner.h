#pragma once

#include "core/repository.h"
#include "core/result.h"
#include "providers/apiclient.h"
#include "settings/agentconfig.h"

#include <memory>

namespace forgelink {

// One of forgelink's hooks as the provider shows it.
struct RemoteHook {
    QString id;
    QString kind;         // "webhook", or Azure DevOps' event type
    bool enabled = true;  // false: the provider disabled it (GitLab auto-disable, Azure probation, ...)
    bool matches = true;  // false: its settings drifted from what forgelink wants
};

// Creates, finds, repairs and removes forgelink's hooks on one provider's repositories. A hook is
// forgelink's when it delivers to forgelink's webhook URL; no other hook is ever touched.
class HookProvisioner {
public:
    virtual ~HookProvisioner() = default;

    // What one repository needs: {"webhook"}, or Azure DevOps' three event types.
    virtual QStringList kinds() const = 0;
    // forgelink's hooks on the repository, from every page of the provider's list.
    virtual Result<QList<RemoteHook>> findOurs(const Repository &repository) = 0;
    virtual Result<RemoteHook> create(const Repository &repository, const QString &kind) = 0;
    // Puts the wanted settings back and re-enables a disabled hook. The hook that serves the
    // repository afterwards: the same one, or a new one when it had to be recreated.
    virtual Result<RemoteHook> repair(const Repository &repository, const RemoteHook &hook) = 0;
    // False when the hook was already gone (removed by hand).
    virtual Result<bool> remove(const Repository &repository, const RemoteHook &hook) = 0;
    // Sets a new secret on a hook (secret rotation).
    virtual Result<void> setSecret(const Repository &repository, const RemoteHook &hook, const QByteArray &secret) = 0;

    int apiCalls() const { return m_client ? m_client->callsMade() : 0; }

    static Result<std::unique_ptr<HookProvisioner>> create(Provider provider, const AgentConfig &config);
    static QString webhookUrl(Provider provider, const AgentConfig &config);

protected:
    std::unique_ptr<ApiClient> m_client;
};

} // namespace forgelink

#pragma once

#include "core/result.h"
#include "settings/agentconfig.h"

#include <QByteArray>
#include <QStringList>

namespace forgelink {

class Store;

// Rotating a provider's webhook secret without refusing a delivery. begin(): the new secret goes
// to a file first (whatever fails next, it is not lost), then every agent accepts the old and
// the new one (they read rotated secrets from the database every secretRefreshSeconds). The
// caller waits that long; finish(): the hooks get the new secret, then the old one is retired.
class SecretRotation {
public:
    SecretRotation(const AgentConfig &config, Store &store, const QString &owner);

    // The new secret, written to `file` (0600) and accepted beside the current ones.
    Result<QByteArray> begin(Provider provider, const QString &file);
    // The hooks have `fresh` (one line per hook), and only it is accepted any more. On failure
    // both secrets stay accepted, and the error says so.
    Result<QStringList> finish(Provider provider, const QByteArray &fresh);

private:
    const AgentConfig &m_config;
    Store &m_store;
    QString m_owner;
};

} // namespace forgelink

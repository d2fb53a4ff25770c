#pragma once

#include "config/providersettings.h"
#include "providers/agentfield.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace forgelink {

struct AgentConfig;

// Bitbucket's section of agent.yaml as its clients use it, read from the provider's settings.
struct BitbucketSettings {
    QString url;
    QByteArray token;
    QList<QByteArray> webhookSecrets;

    // agent.yaml's providers.bitbucket, declared once.
    static AgentFields fields();
    static BitbucketSettings from(const ProviderSettings &settings);
    // The provider's settings in the agent's config, when it is enabled.
    static std::optional<BitbucketSettings> fromConfig(const AgentConfig &config);
};

} // namespace forgelink

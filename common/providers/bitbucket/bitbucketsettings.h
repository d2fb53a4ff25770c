#pragma once

#include "settings/agentfield.h"
#include "settings/providersettings.h"

#include <QByteArray>
#include <QList>
#include <QString>


namespace forgelink {

// Bitbucket's section of agent.yaml as its clients use it, read from the provider's settings.
struct BitbucketSettings {
    QString url;
    QByteArray token;
    QList<QByteArray> webhookSecrets;

    // agent.yaml's providers.bitbucket, declared once.
    static AgentFields fields();
    static BitbucketSettings from(const ProviderSettings &settings);
};

} // namespace forgelink

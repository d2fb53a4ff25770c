#pragma once

#include "settings/agentfield.h"
#include "settings/providersettings.h"

#include <QByteArray>
#include <QList>
#include <QString>


namespace forgelink {

// GitHub's section of agent.yaml as its clients use it, read from the provider's settings.
struct GitHubSettings {
    QString apiUrl = QStringLiteral("https://api.github.com");
    QString appId;
    QByteArray privateKeyPem;
    QList<QByteArray> webhookSecrets; // the first is current; the rest are accepted during a rotation
    // Gap recovery: ask GitHub to send again the deliveries that failed while the agent was
    // unreachable (GitHub never retries on its own), at start and every few minutes.
    bool recoverFailedDeliveries = true;
    qint64 recoverEveryMs = 10 * 60 * 1000;

    // agent.yaml's providers.github, declared once.
    static AgentFields fields();
    static GitHubSettings from(const ProviderSettings &settings);
};

} // namespace forgelink

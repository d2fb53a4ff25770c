#pragma once

#include "settings/agentfield.h"
#include "settings/providersettings.h"

#include <QByteArray>
#include <QList>
#include <QString>


namespace forgelink {

// GitLab's section of agent.yaml as its clients use it, read from the provider's settings.
struct GitLabSettings {
    QString url = QStringLiteral("https://gitlab.com");
    QByteArray token;
    QList<QByteArray> webhookSecrets;

    // agent.yaml's providers.gitlab, declared once.
    static AgentFields fields();
    static GitLabSettings from(const ProviderSettings &settings);
};

} // namespace forgelink

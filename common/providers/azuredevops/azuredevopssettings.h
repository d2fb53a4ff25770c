#pragma once

#include "settings/agentfield.h"
#include "settings/providersettings.h"

#include <QByteArray>
#include <QList>
#include <QString>


namespace forgelink {

// AzureDevOps's section of agent.yaml as its clients use it, read from the provider's settings.
struct AzureDevOpsSettings {
    QString organizationUrl;
    QByteArray token;
    QString basicAuthUser;
    QList<QByteArray> basicAuthPasswords;
    // Services speak 7.1; Azure DevOps Server 2022 7.0, 2020 6.0, 2019 5.0
    // (learn.microsoft.com/azure/devops/integrate/concepts/rest-api-versioning).
    QString apiVersion = QStringLiteral("7.1");

    // agent.yaml's providers.azureDevOps, declared once.
    static AgentFields fields();
    static AzureDevOpsSettings from(const ProviderSettings &settings);
};

} // namespace forgelink

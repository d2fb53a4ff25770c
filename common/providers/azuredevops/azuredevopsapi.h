#pragma once

#include "providers/apiclient.h"

#include <QString>
#include <QStringList>

namespace forgelink {

// What every Azure DevOps call shares: the PAT as Basic auth, the REST API version (Services speak
// 7.1; Azure DevOps Server 2022 7.0, 2020 6.0, 2019 5.0, per
// learn.microsoft.com/azure/devops/integrate/concepts/rest-api-versioning), and what a server that
// does not speak the asked version answers.
class AzureDevOpsApi {
public:
    static ApiClient::Headers headers(const QByteArray &token);

    // Azure DevOps Services: dev.azure.com/ORG or ORG.visualstudio.com; anything else is a Server.
    static bool isServices(const QString &organizationUrl);
    // 7.1 for Services, 7.0 (Server 2022, the newest Server) otherwise.
    static QString defaultApiVersion(const QString &organizationUrl);
    // The versions forgelink knows, newest first, each with the Azure DevOps it belongs to.
    static QStringList knownApiVersions();
    static QString productFor(const QString &apiVersion);

    // When `response` is Azure DevOps refusing the asked API version (400,
    // VssVersionOutOfRangeException), a sentence naming the version the server speaks; else empty.
    static QString versionProblem(const ApiClient::Response &response, const QString &askedVersion);

    // The ServiceHooks security namespace and its "Edit subscriptions" permission bit, which also
    // allows deleting (docs/organizations/security/namespace-reference.md); the token of a project
    // is PublisherSecurity/<project id>.
    static QString serviceHooksNamespace() { return QStringLiteral("cb594ebe-87dd-4fc9-ac2c-6a10a4c92046"); }
    static constexpr int kEditSubscriptions = 2;
};

} // namespace forgelink

#pragma once

#include "core/result.h"
#include "providers/apiclient.h"
#include "providers/github/githubappauth.h"

#include <QStringList>

namespace forgelink {

struct AgentConfig;

// The GitHub App's one webhook, which covers every repository the App is installed on: whether it
// covers a repository (the installation), and its secret (PATCH /app/hook/config).
class GitHubAppWebhook {
public:
    static Result<QStringList> checkInstallation(const AgentConfig &config, const QString &repository);
    static Result<QStringList> setSecret(const AgentConfig &config, const QByteArray &secret);
    // With a client and the App's authentication at hand (the manifest flow's new App).
    static Result<void> setSecret(ApiClient &client, const GitHubAppAuth &auth, const QByteArray &secret);
};

} // namespace forgelink

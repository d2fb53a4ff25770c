#pragma once

#include "config/agentconfig.h"
#include "config/answers.h"
#include "providers/provider.h"

#include <QStringList>

namespace forgelink {

// Verifies one provider's credentials against its API: the wizard's "Verify" buttons and
// `forgelink-wizard --batch --check` run exactly this. Blocking (it uses ApiClient), so the
// wizard runs it on a worker thread.
class ProviderCheck {
public:
    struct Outcome {
        bool passed = false;
        QStringList facts;    // what was found: the App's name, the token's expiry, ...
        QStringList problems; // what is wrong, each with how to fix it
        QString installUrl;   // GitHub: where to install the App on repositories
    };

    // With the answers' CA bundle and proxy.
    static Outcome run(Provider provider, const Answers &answers);

    static Outcome github(const GitHubAnswers &answers, const NetworkSettings &network);
    static Outcome gitlab(const GitLabAnswers &answers, const NetworkSettings &network);
    static Outcome bitbucket(const BitbucketAnswers &answers, const NetworkSettings &network);
    static Outcome azureDevOps(const AzureDevOpsAnswers &answers, const NetworkSettings &network);

    // The web host of a GitHub API URL: api.github.com -> github.com, HOST/api/v3 -> HOST.
    static QString githubWebUrl(const QString &apiUrl);
};

} // namespace forgelink

#pragma once

#include <QCoreApplication>

#include "providers/checkoutcome.h"
#include "settings/agentconfig.h"
#include "settings/provideranswers.h"

namespace forgelink {

// Verifies a GitLab personal access token: its scopes, that it is active, and when it expires
// (GET /personal_access_tokens/self, GitLab 15.5 and later).
class GitLabCheck {
    Q_DECLARE_TR_FUNCTIONS(forgelink::GitLabCheck)

public:
    static CheckOutcome run(const ProviderAnswers &answers, const NetworkSettings &network);
};

} // namespace forgelink

#pragma once

#include <QCoreApplication>

#include "providers/checkoutcome.h"
#include "settings/agentconfig.h"
#include "settings/provideranswers.h"

namespace forgelink {

// Verifies a GitHub App: the App ID and private key (a JWT GitHub accepts), the client ID, and the
// permissions and events Pipekit's guide asks for (GET /app).
class GitHubCheck {
    Q_DECLARE_TR_FUNCTIONS(forgelink::GitHubCheck)

public:
    static CheckOutcome run(const ProviderAnswers &answers, const NetworkSettings &network);
};

} // namespace forgelink

#pragma once

#include <QCoreApplication>

#include "providers/checkoutcome.h"
#include "settings/agentconfig.h"
#include "settings/provideranswers.h"

namespace forgelink {

// Verifies a Bitbucket Data Center HTTP access token: REPO_ADMIN on some repositories, and
// PROJECT_READ on their projects (the project listing filtered by that permission; unfiltered, it
// answers 200 whatever the token may do).
class BitbucketCheck {
    Q_DECLARE_TR_FUNCTIONS(forgelink::BitbucketCheck)

public:
    static CheckOutcome run(const ProviderAnswers &answers, const NetworkSettings &network);
};

} // namespace forgelink

#pragma once

#include <QCoreApplication>

#include "providers/checkoutcome.h"
#include "settings/agentconfig.h"
#include "settings/provideranswers.h"

namespace forgelink {

// Verifies an Azure DevOps personal access token: the REST API version, the projects it reads,
// Service Hook subscriptions it may view, and "Edit subscriptions" itself, asked of the permission
// API so that nothing is created to find out.
class AzureDevOpsCheck {
    Q_DECLARE_TR_FUNCTIONS(forgelink::AzureDevOpsCheck)

public:
    static CheckOutcome run(const ProviderAnswers &answers, const NetworkSettings &network);
};

} // namespace forgelink

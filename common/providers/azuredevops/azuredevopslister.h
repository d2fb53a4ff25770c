#pragma once

#include "providers/azuredevops/azuredevopssettings.h"
#include "providers/apiclient.h"
#include "providers/repositorylister.h"

namespace forgelink {

// Azure DevOps: the organization's projects (x-ms-continuationtoken paging), then each
// project's Git repositories.
class AzureDevOpsLister : public RepositoryLister {
public:
    AzureDevOpsLister(const AzureDevOpsSettings &settings, const NetworkSettings &network);

    Result<RepositoryListing> list(const RepositoryCache &cache) override;
    std::optional<qint64> rateLimitRemaining() const override { return m_client.rateLimitRemaining(); }
    int apiCalls() const override { return m_client.callsMade(); }

private:
    ApiClient m_client;
    ApiClient::Headers m_headers;
    QString m_apiVersion;
};

} // namespace forgelink

#pragma once

#include "providers/gitlab/gitlabsettings.h"
#include "providers/apiclient.h"
#include "providers/repositorylister.h"

namespace forgelink {

// GitLab: GET /api/v4/projects?membership=true&simple=true with keyset pagination
// (order_by=id, sort=asc, per_page=100), following Link rel="next" until it is absent.
class GitLabLister : public RepositoryLister {
public:
    GitLabLister(const GitLabSettings &settings, const NetworkSettings &network);

    Result<RepositoryListing> list(const RepositoryCache &cache) override;
    std::optional<qint64> rateLimitRemaining() const override { return m_client.rateLimitRemaining(); }
    int apiCalls() const override { return m_client.callsMade(); }

private:
    ApiClient m_client;
    QByteArray m_token;
};

} // namespace forgelink

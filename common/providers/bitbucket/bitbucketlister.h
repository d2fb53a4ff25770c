#pragma once

#include "providers/bitbucket/bitbucketsettings.h"
#include "providers/apiclient.h"
#include "providers/repositorylister.h"

namespace forgelink {

// Bitbucket Data Center: GET /rest/api/latest/repos?permission=REPO_ADMIN, 1,000 a page (the
// server's maximum), following nextPageStart until isLastPage.
class BitbucketLister : public RepositoryLister {
public:
    BitbucketLister(const BitbucketSettings &settings, const NetworkSettings &network);

    Result<RepositoryListing> list(const RepositoryCache &cache) override;
    std::optional<qint64> rateLimitRemaining() const override { return m_client.rateLimitRemaining(); }
    int apiCalls() const override { return m_client.callsMade(); }

private:
    ApiClient m_client;
    QByteArray m_token;
};

} // namespace forgelink

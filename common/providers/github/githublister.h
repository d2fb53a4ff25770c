#pragma once

#include "providers/apiclient.h"
#include "providers/github/githubappauth.h"
#include "providers/repositorylister.h"

namespace forgelink {

// GitHub: every installation of the App, then each installation's repositories
// (GET /installation/repositories?per_page=100, following Link rel="next"). Pages are fetched with
// If-None-Match; a 304 costs no rate limit and is taken from the cache unparsed.
class GitHubLister : public RepositoryLister {
public:
    GitHubLister(const GitHubSettings &settings, const NetworkSettings &network, GitHubAppAuth auth);

    Result<RepositoryListing> list(const RepositoryCache &cache) override;
    std::optional<qint64> rateLimitRemaining() const override { return m_client.rateLimitRemaining(); }
    int apiCalls() const override { return m_client.callsMade(); }

private:
    Result<QList<qint64>> installations();

    ApiClient m_client;
    GitHubAppAuth m_auth;
};

} // namespace forgelink

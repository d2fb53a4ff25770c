#pragma once

#include "providers/apiclient.h"
#include "providers/repositorylister.h"

namespace forgelink::test {

// Forgejo's repositories as the token's user reaches them: GET /api/v1/user/repos?page=N&limit=50,
// following Link rel="next" until it is absent.
class ForgejoLister : public RepositoryLister {
public:
    ForgejoLister(const QString &url, const QByteArray &token, const NetworkSettings &network);

    Result<RepositoryListing> list(const RepositoryCache &cache) override;
    std::optional<qint64> rateLimitRemaining() const override { return m_client.rateLimitRemaining(); }
    int apiCalls() const override { return m_client.callsMade(); }

private:
    ApiClient m_client;
    QByteArray m_token;
};

} // namespace forgelink::test

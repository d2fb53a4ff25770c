#pragma once

#include "core/repositorycache.h"
#include "core/result.h"
#include "providers/apiclient.h"
#include "settings/agentconfig.h"

#include <memory>
#include <optional>

namespace forgelink {

// Lists every repository one provider lets the installation reach, following the provider's
// pagination to the end. Any failure (after the client's retries) fails the whole listing, so a
// partial list never replaces the cache.
class RepositoryLister {
public:
    virtual ~RepositoryLister() = default;

    virtual Result<RepositoryListing> list(const RepositoryCache &cache) = 0;
    virtual std::optional<qint64> rateLimitRemaining() const = 0;
    virtual int apiCalls() const = 0;

    // The lister for a configured provider, or why there is none (a missing token, say).
    static Result<std::unique_ptr<RepositoryLister>> create(Provider provider, const AgentConfig &config);
    // A client's settings for one provider's base URL.
    static ApiSettings apiSettings(const QString &baseUrl, const NetworkSettings &network);
    // The URL of the `rel="next"` link in a Link header, or empty.
    static QString nextLink(const QByteArray &linkHeader);
};

} // namespace forgelink

#include "providers/repositorylister.h"

#include "providers/azuredevops/azuredevopslister.h"
#include "providers/bitbucket/bitbucketlister.h"
#include "providers/github/githublister.h"
#include "providers/gitlab/gitlablister.h"

#include <QLoggingCategory>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcSync, "forgelink.sync", QtInfoMsg)

namespace forgelink {

ApiSettings RepositoryLister::apiSettings(const QString &baseUrl, const NetworkSettings &network)
{
    ApiSettings settings;
    settings.baseUrl = baseUrl;
    settings.caBundleFile = network.caBundleFile;
    settings.proxyUrl = network.proxyUrl;
    settings.timeoutMs = network.timeoutMs;
    settings.maxRateLimitWaitMs = network.maxRateLimitWaitMs;
    settings.maxAttempts = network.maxAttempts;
    settings.baseBackoffMs = network.retryBaseMs;
    settings.cancel = network.cancel;
    return settings;
}

QString RepositoryLister::nextLink(const QByteArray &linkHeader)
{
    // <https://api.example.com/x?page=2>; rel="next", <...>; rel="last"
    static const QRegularExpression next(QStringLiteral("<([^>]*)>\\s*;\\s*rel=\"?next\"?"));
    const QRegularExpressionMatch match = next.match(QString::fromUtf8(linkHeader));
    return match.hasMatch() ? match.captured(1) : QString();
}

Result<std::unique_ptr<RepositoryLister>> RepositoryLister::create(Provider provider, const AgentConfig &config)
{
    switch (provider) {
    case Provider::GitHub: {
        if (!config.github)
            break;
        Result<GitHubAppAuth> auth = GitHubAppAuth::fromSettings(*config.github);
        if (!auth)
            return fail(auth.error() + QStringLiteral("; the sync needs the App's private key"));
        return std::unique_ptr<RepositoryLister>(new GitHubLister(*config.github, config.network, auth.value()));
    }
    case Provider::GitLab:
        if (!config.gitlab)
            break;
        if (config.gitlab->token.isEmpty())
            return fail(QStringLiteral("providers.gitlab.token is not set; the sync needs it"));
        return std::unique_ptr<RepositoryLister>(new GitLabLister(*config.gitlab, config.network));
    case Provider::Bitbucket:
        if (!config.bitbucket)
            break;
        if (config.bitbucket->token.isEmpty())
            return fail(QStringLiteral("providers.bitbucket.token is not set; the sync needs it"));
        return std::unique_ptr<RepositoryLister>(new BitbucketLister(*config.bitbucket, config.network));
    case Provider::AzureDevOps:
        if (!config.azureDevOps)
            break;
        if (config.azureDevOps->token.isEmpty())
            return fail(QStringLiteral("providers.azureDevOps.token is not set; the sync needs it"));
        return std::unique_ptr<RepositoryLister>(new AzureDevOpsLister(*config.azureDevOps, config.network));
    }
    return fail(QStringLiteral("%1 is not enabled in the config").arg(providerId(provider)));
}

} // namespace forgelink

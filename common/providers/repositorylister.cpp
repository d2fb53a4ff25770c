#include "providers/repositorylister.h"

#include "providers/providerregistry.h"


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
    settings.maxResponseBytes = network.maxResponseBytes;
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
    const GitProvider &git = ProviderRegistry::get(provider);
    if (!git.isEnabled(config))
        return fail(QStringLiteral("%1 is not enabled in the config").arg(git.id()));
    return git.lister(config);
}

} // namespace forgelink

#include "providers/providercatalogue.h"

namespace forgelink {

ProviderCatalogue::ProviderCatalogue(const QString &pipekitHost) : m_host(pipekitHost) { }

QUrl ProviderCatalogue::homepageUrl() const
{
    return QUrl(QStringLiteral("https://") + m_host);
}

QList<QUrl> ProviderCatalogue::githubCallbackUrls() const
{
    const QString base = QStringLiteral("https://") + m_host;
    return { QUrl(base + QStringLiteral("/accounts/github")),
             QUrl(base + QStringLiteral("/api/id/v1/sso/github/callback")) };
}

QUrl ProviderCatalogue::webhookUrl(Provider provider) const
{
    return QUrl(QStringLiteral("https://") + m_host + webhookPath(provider));
}

QString ProviderCatalogue::webhookPathPrefix()
{
    return providerWebhookPathPrefix();
}

QString ProviderCatalogue::webhookPath(Provider provider)
{
    return providerWebhookPath(provider);
}

QStringList ProviderCatalogue::githubPermissions()
{
    return { QStringLiteral("administration"), QStringLiteral("checks"), QStringLiteral("contents"),
             QStringLiteral("deployments"),    QStringLiteral("pull_requests"),
             QStringLiteral("repository_hooks") };
}

QStringList ProviderCatalogue::githubPermissionLabels()
{
    return { QStringLiteral("Administration"), QStringLiteral("Checks"),
             QStringLiteral("Contents"),       QStringLiteral("Deployments"),
             QStringLiteral("Pull requests"),  QStringLiteral("Webhooks") };
}

QStringList ProviderCatalogue::githubEvents()
{
    return { QStringLiteral("create"), QStringLiteral("pull_request"), QStringLiteral("push"),
             QStringLiteral("repository") };
}

QStringList ProviderCatalogue::gitlabScopes()
{
    return { QStringLiteral("api"), QStringLiteral("read_user"), QStringLiteral("read_repository") };
}

QStringList ProviderCatalogue::bitbucketPermissions()
{
    return { QStringLiteral("PROJECT_READ"), QStringLiteral("REPO_ADMIN") };
}

QStringList ProviderCatalogue::azureDevOpsScopes()
{
    return { QStringLiteral("vso.code_write"), QStringLiteral("vso.code_status"),
             QStringLiteral("vso.project") };
}

QStringList ProviderCatalogue::azureDevOpsSubscriptionEvents()
{
    return { QStringLiteral("git.push"), QStringLiteral("git.pullrequest.created"),
             QStringLiteral("git.pullrequest.updated") };
}

} // namespace forgelink

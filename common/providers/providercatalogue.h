#pragma once

#include "core/provider.h"

#include <QStringList>
#include <QUrl>

namespace forgelink {

// What Pipekit's self-hosting guide asks of each provider, as data. Every URL derives from the
// one Pipekit host, so the wizard, the values file and the agent cannot disagree.
class ProviderCatalogue {
public:
    explicit ProviderCatalogue(const QString &pipekitHost);

    QString host() const { return m_host; }
    QUrl homepageUrl() const;
    QList<QUrl> githubCallbackUrls() const;
    QUrl webhookUrl(Provider provider) const;

    // Webhook path served by the agent: /api/events-handler/v1/events/<provider id>.
    static QString webhookPath(Provider provider);
    static QString webhookPathPrefix();

    // GitHub App manifest permission keys, all "write" (Read & Write).
    static QStringList githubPermissions();
    // Human labels of the same permissions, in the same order, as GitHub's settings page shows them.
    static QStringList githubPermissionLabels();
    static QStringList githubEvents();
    static QStringList gitlabScopes();
    static QStringList bitbucketPermissions();
    static QStringList azureDevOpsScopes();
    static QStringList azureDevOpsSubscriptionEvents();

private:
    QString m_host;
};

} // namespace forgelink

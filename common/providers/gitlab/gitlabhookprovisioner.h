#pragma once

#include "providers/gitlab/gitlabsettings.h"
#include "providers/hookprovisioner.h"

namespace forgelink {

// GitLab project hooks: POST /projects/:id/hooks with the URL, the token (GitLab sends it back as
// X-Gitlab-Token), push, tag push and merge request events, SSL verification on. A hook GitLab
// disabled after failures is re-enabled by a test delivery (GitLab 16.11 and later), or replaced
// by a new one where the API cannot test hooks.
class GitLabHookProvisioner : public HookProvisioner {
public:
    GitLabHookProvisioner(const GitLabSettings &settings, const NetworkSettings &network, QString url);

    QStringList kinds() const override { return { QStringLiteral("webhook") }; }
    Result<QList<RemoteHook>> findOurs(const Repository &repository) override;
    Result<RemoteHook> create(const Repository &repository, const QString &kind) override;
    Result<RemoteHook> repair(const Repository &repository, const RemoteHook &hook) override;
    Result<bool> remove(const Repository &repository, const RemoteHook &hook) override;
    Result<void> setSecret(const Repository &repository, const RemoteHook &hook, const QByteArray &secret) override;

private:
    QByteArray body(const QByteArray &secret) const;
    ApiClient::Headers headers() const;

    QByteArray m_token;
    QByteArray m_secret;
    QString m_url;
};

} // namespace forgelink

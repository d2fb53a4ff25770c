#pragma once

#include "providers/azuredevops/azuredevopssettings.h"
#include "providers/hookprovisioner.h"

#include <QHash>

namespace forgelink {

// Azure DevOps Service Hook subscriptions: three per repository (git.push,
// git.pullrequest.created, git.pullrequest.updated filtered to source-branch pushes), each
// delivering to the webhook URL with the Basic auth pair the agent verifies.
class AzureDevOpsHookProvisioner : public HookProvisioner {
public:
    AzureDevOpsHookProvisioner(const AzureDevOpsSettings &settings, const NetworkSettings &network, QString url);

    QStringList kinds() const override;
    Result<QList<RemoteHook>> findOurs(const Repository &repository) override;
    Result<RemoteHook> create(const Repository &repository, const QString &kind) override;
    Result<RemoteHook> repair(const Repository &repository, const RemoteHook &hook) override;
    Result<bool> remove(const Repository &repository, const RemoteHook &hook) override;
    Result<void> setSecret(const Repository &repository, const RemoteHook &hook, const QByteArray &secret) override;

private:
    Result<QString> projectId(const Repository &repository);
    Result<QByteArray> body(const Repository &repository, const QString &kind, const QByteArray &password);
    ApiClient::Headers headers() const;

    QString describe(const ApiClient::Response &response) const;

    QByteArray m_token;
    QString m_user;
    QByteArray m_password;
    QString m_url;
    QString m_apiVersion;
    QHash<QString, QString> m_projectIds;
};

} // namespace forgelink

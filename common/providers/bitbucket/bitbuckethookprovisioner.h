#pragma once

#include "providers/bitbucket/bitbucketsettings.h"
#include "providers/hookprovisioner.h"

namespace forgelink {

// Bitbucket Data Center repository webhooks: POST /rest/api/latest/projects/{key}/repos/{slug}/
// webhooks with Pipekit's events and configuration.secret (Bitbucket signs each delivery with it).
class BitbucketHookProvisioner : public HookProvisioner {
public:
    BitbucketHookProvisioner(const BitbucketSettings &settings, const NetworkSettings &network, QString url);

    static QStringList events();

    QStringList kinds() const override { return { QStringLiteral("webhook") }; }
    Result<QList<RemoteHook>> findOurs(const Repository &repository) override;
    Result<RemoteHook> create(const Repository &repository, const QString &kind) override;
    Result<RemoteHook> repair(const Repository &repository, const RemoteHook &hook) override;
    Result<bool> remove(const Repository &repository, const RemoteHook &hook) override;
    Result<void> setSecret(const Repository &repository, const RemoteHook &hook, const QByteArray &secret) override;

private:
    QString hooksPath(const Repository &repository) const;
    QByteArray body(const QByteArray &secret) const;
    ApiClient::Headers headers() const;

    QByteArray m_token;
    QByteArray m_secret;
    QString m_url;
};

} // namespace forgelink

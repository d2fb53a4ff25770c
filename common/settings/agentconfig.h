#pragma once

#include "core/provider.h"
#include "forward/forwardtarget.h"
#include "http/httplimits.h"
#include "http/networksettings.h"
#include "settings/providersettings.h"
#include "store/databasesettings.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QString>
#include <QTime>
#include <QUrl>

#include <optional>

namespace forgelink {

// The agent's settings as read from agent.yaml, with every secret reference already resolved.

struct AgentConfig {
    QString path;
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8080;
    QUrl publicUrl;
    DatabaseSettings database;
    QTime syncDailyAt = QTime(2, 0);
    bool syncDaily = true; // false when a CronJob runs `sync` instead
    HttpLimits limits;
    NetworkSettings network;
    QString tlsCertificateFile;
    QString tlsPrivateKeyFile;

    // Attach every synced repository (matching one of the patterns, when there are any).
    int secretRefreshMs = 5'000; // how often serve reads rotated webhook secrets from the database
    bool autoAttach = false;
    QStringList autoAttachPatterns;

    QList<ForwardTarget> forward; // where recorded deliveries go on to (the outbox)
    RetentionSettings retention;

    // Each enabled provider's section (`enabled: false` leaves it out).
    QMap<Provider, ProviderSettings> providers;

    bool isEnabled(Provider provider) const { return providers.contains(provider); }
    QList<Provider> enabledProviders() const { return providers.keys(); }
    // The provider's settings; nullptr when it is not enabled.
    const ProviderSettings *provider(Provider provider) const;
    // The provider's settings as it reads them (GitLabSettings::from, ...), when it is enabled.
    template <typename Settings>
    std::optional<Settings> settingsOf(Provider provider) const
    {
        const ProviderSettings *settings = this->provider(provider);
        return settings ? std::optional<Settings>(Settings::from(*settings)) : std::nullopt;
    }
};

} // namespace forgelink

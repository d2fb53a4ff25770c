#pragma once

#include "config/providersettings.h"
#include "forward/forwardtarget.h"
#include "http/httplimits.h"
#include "providers/provider.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QString>
#include <QTime>
#include <QUrl>

#include <atomic>
#include <memory>
#include <optional>

namespace forgelink {

// The agent's settings as read from agent.yaml, with every secret reference already resolved.

// How the agent reaches the providers' APIs (on-prem installs need a CA bundle or a proxy).
struct NetworkSettings {
    QString caBundleFile;
    QString proxyUrl;
    int timeoutMs = 30'000;
    int maxRateLimitWaitMs = 300'000;
    int maxAttempts = 5;
    int retryBaseMs = 500; // first backoff; it doubles per attempt, with jitter
    // An API answer larger than this fails the request: a page of a listing is far smaller, and a
    // hostile or broken server must not take the agent's memory.
    qint64 maxResponseBytes = 32 * 1024 * 1024;
    // Not a setting: set by whoever runs a sync or hook run, true when it must stop (SIGTERM).
    // Every API client made from these settings aborts its request and its waits then.
    std::shared_ptr<const std::atomic_bool> cancel;

    bool cancelled() const { return cancel && cancel->load(); }
};

struct DatabaseSettings {
    QString driver;       // QSQLITE or QPSQL
    QString sqlitePath;   // absolute
    QString host;
    int port = 5432;
    QString user;
    QString name;
    QByteArray password;
    QString options;      // QPSQL connect options, e.g. sslmode=require

    // The URL without any password, for logs.
    QString displayName() const;
};

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

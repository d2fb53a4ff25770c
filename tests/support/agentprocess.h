#pragma once

#include "core/provider.h"

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace forgelink::test {

// Runs the real forgelink-agent binary: writes its config into a temporary folder, starts
// `serve`, and finds the port it listens on from its log.
class AgentProcess {
public:
    // All four providers with the webhook secrets of webhookSecret(), for a config's body.
    static const QByteArray kAllProviders;
    static QByteArray webhookSecret(Provider provider);

    explicit AgentProcess(const QByteArray &configBody);
    ~AgentProcess();

    bool start(int timeoutMs = 10'000);
    // More arguments for `serve` (--log-format json), before start().
    void addServeArguments(const QStringList &arguments) { m_extra << arguments; }
    quint16 port() const { return m_port; }
    QString configPath() const;
    QString databasePath() const;
    QString directory() const { return m_dir.path(); }
    // SIGTERM, then the exit code (-1 when it did not exit in time or crashed).
    int terminate(int timeoutMs = 30'000);
    void kill();
    // Waits for the agent to exit by itself; its exit code (-1: it did not, or it crashed).
    int waitForExit(int timeoutMs);
    QByteArray log();
    qint64 pid() const { return m_process.processId(); }
    // From /proc: the agent's resident memory now and at its peak, in KiB.
    qint64 rssKiB() const;
    qint64 peakRssKiB() const;
    // Sends a signal (SIGHUP: sync now).
    void signal(int number);

    // Runs `forgelink-agent ARGS --config <this config>` to completion.
    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        // The objects of `--json` output, one per line.
        QList<QJsonObject> jsonLines() const;
    };
    Run command(const QStringList &arguments, int timeoutMs = 30'000) const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QStringList m_extra;
    quint16 m_fixedPort = 0; // from `listen:` in the config, when it names one
};

} // namespace forgelink::test

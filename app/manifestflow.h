#pragma once

#include "providers/github/githubmanifest.h"
#include "settings/agentconfig.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <functional>

class QThread;

namespace forgelink {

class HttpServer;

// The App Manifest flow from the desktop: a one-time page on 127.0.0.1 (random port) posts the
// manifest to GitHub in the system browser; GitHub redirects back to the same listener, whose
// state is checked; the code is exchanged on a worker thread. One finished() or failed() signal.
class ManifestFlow : public QObject {
    Q_OBJECT

public:
    struct Request {
        QString domain;
        QString appName;
        QString organization;
        QString apiUrl = QStringLiteral("https://api.github.com");
        QByteArray webhookSecret; // set on the App when GitHub generates none
        NetworkSettings network;
    };

    explicit ManifestFlow(QObject *parent = nullptr);
    ~ManifestFlow() override;

    // Starts listening and opens the browser; false (and failed()) when it cannot listen.
    bool start(const Request &request);
    void cancel();
    bool isRunning() const { return m_running; }
    QUrl startUrl() const { return m_startUrl; }

    // For tests: instead of the system browser, and a shorter limit than GitHub's hour.
    void setBrowser(std::function<void(const QUrl &)> open) { m_openBrowser = std::move(open); }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

Q_SIGNALS:
    void finished(const forgelink::GitHubManifest::App &app);
    void failed(const QString &message);

private:
    void exchange(const QString &code);
    void finish();

    Request m_request;
    HttpServer *m_server = nullptr;
    ManifestStates m_states;
    QString m_state;
    QUrl m_startUrl;
    QByteArray m_page;
    QTimer m_timeout;
    QThread *m_thread = nullptr;
    std::function<void(const QUrl &)> m_openBrowser;
    int m_timeoutMs = 60 * 60 * 1000; // GitHub's hour
    bool m_running = false;
};

} // namespace forgelink

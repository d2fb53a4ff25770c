#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <QSslCertificate>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace forgelink {

// How a client reaches a provider: its base URL, and what on-prem networks need.
struct ApiSettings {
    QString baseUrl;
    QString caBundleFile;        // PEM file of extra CA certificates
    QString proxyUrl;            // http://proxy:3128
    int timeoutMs = 30'000;      // per request, from the first byte sent to the last received
    int maxAttempts = 5;         // retries of 5xx, network errors and rate limits
    int maxRateLimitWaitMs = 300'000; // a longer wait fails the run instead
    int baseBackoffMs = 500;
    qint64 maxResponseBytes = 32 * 1024 * 1024; // a larger answer fails the request
    std::shared_ptr<const std::atomic_bool> cancel; // see setCancelFlag()
};

// A blocking REST client on QNetworkAccessManager for the sync and the wizard's checks. It runs
// a local event loop per request, so it belongs on a worker thread (or a command-line program).
// It retries 5xx and network errors with exponential backoff and jitter (a 5xx's Retry-After is
// honoured), waits out rate limits (Retry-After, then x-ratelimit-reset / RateLimit-Reset when no
// requests are left, a minute for limits that name no time), never waits longer than
// maxRateLimitWaitMs at once, logs every wait, and counts the calls it made. A host name that does
// not resolve fails at once.
class ApiClient {
    Q_DECLARE_TR_FUNCTIONS(forgelink::ApiClient)

public:
    // Why the last request failed, for what to do about it (retry, a hint); its message says it
    // in the user's language.
    enum class Failure { None, Unresolvable, Untrusted, Refused, Timeout, TooLarge, ForeignOrigin, RateLimited, ServerError, Cancelled, Other };

    struct Response {
        int status = 0;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        QUrl url;
        QByteArray header(QByteArrayView name) const;
    };
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit ApiClient(ApiSettings settings);
    ~ApiClient();

    // `path` is joined to the base URL unless it is absolute; an absolute URL must have the base
    // URL's origin (scheme, host, port), so that the credentials in `headers` go nowhere else
    // (a pagination link naming another host is refused). Every status the caller may handle
    // (2xx, 304, 4xx but rate limits) comes back as a Response; network errors, timeouts and
    // exhausted retries come back as errors.
    Result<Response> request(const QByteArray &method, const QString &path, const Headers &headers = {},
                             const QByteArray &body = {});
    Result<Response> get(const QString &path, const Headers &headers = {}) { return request("GET", path, headers); }

    QUrl resolve(const QString &path) const;
    Failure lastFailure() const { return m_lastFailure; }
    // Why `url` may not be sent the client's credentials, or nothing when it has the base URL's origin.
    std::optional<QString> foreignOrigin(const QUrl &url) const;
    int callsMade() const { return m_calls; }
    std::optional<qint64> rateLimitRemaining() const { return m_rateLimitRemaining; }

    // Waits between requests (a pace the API asks for); a cancellation ends the wait.
    void pause(int ms) { m_sleep(ms); }
    // For tests: how the client waits (default: an event loop timer).
    void setSleeper(std::function<void(int ms)> sleeper) { m_sleep = std::move(sleeper); }
    // When the flag becomes true (another thread may set it), the request in flight is aborted,
    // a wait ends, and requests fail with "cancelled": how SIGTERM stops a sync or a hook run.
    void setCancelFlag(std::shared_ptr<const std::atomic_bool> flag) { m_cancel = std::move(flag); }
    bool cancelled() const { return m_cancel && m_cancel->load(); }

    // A short description of an error answer for messages: "401 Bad credentials".
    static QString describe(const Response &response);

private:
    Result<Response> send(const QByteArray &method, const QUrl &url, const Headers &headers, const QByteArray &body);
    static std::optional<int> rateLimitWaitMs(const Response &response);
    static std::optional<int> retryAfterMs(const Response &response);

    ApiSettings m_settings;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::function<void(int)> m_sleep;
    std::shared_ptr<const std::atomic_bool> m_cancel;
    int m_calls = 0;
    Failure m_lastFailure = Failure::None;
    std::optional<qint64> m_rateLimitRemaining;
    QString m_setupError;
    QList<QSslCertificate> m_extraCas; // read once from caBundleFile
};

} // namespace forgelink

#include "providers/apiclient.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLocale>
#include <QTimeZone>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>

Q_LOGGING_CATEGORY(lcApi, "forgelink.api", QtInfoMsg)

namespace forgelink {

namespace {

constexpr int kMaxBackoffMs = 30'000;
// A rate limit that names no time to wait (GitHub's secondary limits, GitLab's per-minute ones).
constexpr int kUnhintedLimitWaitMs = 60'000;

bool isRateLimited(const ApiClient::Response &response)
{
    if (response.status == 429)
        return true;
    if (response.status != 403)
        return false;
    return response.header("x-ratelimit-remaining") == "0" || response.header("RateLimit-Remaining") == "0"
            || !response.header("Retry-After").isEmpty()
            || response.body.contains("secondary rate limit") || response.body.contains("rate limit exceeded")
            || response.body.contains("API rate limit");
}

} // namespace

QByteArray ApiClient::Response::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ApiClient::ApiClient(ApiSettings settings)
    : m_settings(std::move(settings)), m_network(std::make_unique<QNetworkAccessManager>()), m_cancel(m_settings.cancel)
{
    m_sleep = [this](int ms) {
        // In short steps, so a cancellation ends the wait.
        QElapsedTimer waited;
        waited.start();
        while (!cancelled() && waited.elapsed() < ms) {
            QEventLoop loop;
            QTimer::singleShot(int(std::min<qint64>(100, ms - waited.elapsed())), &loop, &QEventLoop::quit);
            loop.exec();
        }
    };
    if (!m_settings.proxyUrl.isEmpty()) {
        const QUrl proxy(m_settings.proxyUrl);
        if (!proxy.isValid() || proxy.host().isEmpty())
            m_setupError = QStringLiteral("proxy %1 is not a URL such as http://proxy.example.com:3128").arg(m_settings.proxyUrl);
        else
            m_network->setProxy(QNetworkProxy(proxy.scheme() == u"socks5" ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy,
                                              proxy.host(), quint16(proxy.port(3128)), proxy.userName(), proxy.password()));
    }
    if (!m_settings.caBundleFile.isEmpty()) {
        m_extraCas = QSslCertificate::fromPath(m_settings.caBundleFile);
        if (m_extraCas.isEmpty())
            m_setupError = QStringLiteral("CA bundle %1 holds no PEM certificate").arg(m_settings.caBundleFile);
    }
}

ApiClient::~ApiClient() = default;

QUrl ApiClient::resolve(const QString &path) const
{
    if (path.startsWith(QLatin1String("http://")) || path.startsWith(QLatin1String("https://")))
        return QUrl(path);
    QString base = m_settings.baseUrl;
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + (path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path));
}

std::optional<QString> ApiClient::foreignOrigin(const QUrl &url) const
{
    const QUrl base(m_settings.baseUrl);
    const auto port = [](const QUrl &u) { return u.port(u.scheme() == u"https" ? 443 : 80); };
    if (url.scheme() == base.scheme() && url.host().compare(base.host(), Qt::CaseInsensitive) == 0 && port(url) == port(base))
        return std::nullopt;
    return tr("refusing to send credentials to %1: it is not the API's own origin %2 (a pagination link must stay on it)")
            .arg(url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo).toString(),
                 base.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo).toString());
}

QString ApiClient::describe(const Response &response)
{
    QString message = QString::number(response.status);
    const QByteArray body = response.body.left(300).simplified();
    if (!body.isEmpty())
        message += QLatin1Char(' ') + QString::fromUtf8(body);
    return message;
}

Result<ApiClient::Response> ApiClient::send(const QByteArray &method, const QUrl &url, const Headers &headers,
                                            const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(m_settings.timeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("forgelink/" FORGELINK_VERSION));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (!m_extraCas.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(m_extraCas);
        request.setSslConfiguration(ssl);
    }
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // The transfer timeout restarts with every byte: a server that trickles its answer is ended
    // by this deadline for the whole request instead.
    bool overDeadline = false;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, reply, [reply, &overDeadline] {
        overDeadline = true;
        reply->abort();
    });
    deadline.start(m_settings.timeoutMs);
    bool tooLarge = false;
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [this, reply, &tooLarge](qint64 received, qint64 total) {
        if (received > m_settings.maxResponseBytes || total > m_settings.maxResponseBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    QTimer cancelWatch;
    if (m_cancel) {
        QObject::connect(&cancelWatch, &QTimer::timeout, reply, [this, reply] {
            if (cancelled())
                reply->abort();
        });
        cancelWatch.start(100);
    }
    if (!reply->isFinished())
        loop.exec();
    cancelWatch.stop();
    deadline.stop();
    std::unique_ptr<QNetworkReply> owner(reply);
    Response response;
    response.url = url;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_lastFailure = Failure::None;
    if (tooLarge) {
        m_lastFailure = Failure::TooLarge;
        return fail(tr("the answer is larger than %1 MiB (network.maxResponseMegabytes)").arg(m_settings.maxResponseBytes / (1024.0 * 1024.0)));
    }
    if (overDeadline && !cancelled()) {
        m_lastFailure = Failure::Timeout;
        return fail(tr("no complete answer within %1 s").arg(m_settings.timeoutMs / 1000.0));
    }
    if (response.status == 0) {
        QString reason = reply->errorString();
        m_lastFailure = Failure::Other;
        if (reply->error() == QNetworkReply::SslHandshakeFailedError) {
            m_lastFailure = Failure::Untrusted;
            reason = tr("the server's TLS certificate is not trusted (network.caBundle adds a company CA): %1").arg(reason);
        } else if (reply->error() == QNetworkReply::HostNotFoundError) {
            m_lastFailure = Failure::Unresolvable;
            reason = tr("cannot resolve the host name %1 (check the URL, and the proxy if this network needs one)").arg(url.host());
        } else if (cancelled()) {
            m_lastFailure = Failure::Cancelled;
            reason = QStringLiteral("cancelled");
        } else if (reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError) {
            m_lastFailure = Failure::Timeout;
            reason = tr("no answer within %1 s").arg(m_settings.timeoutMs / 1000.0);
        } else if (reply->error() == QNetworkReply::ConnectionRefusedError) {
            m_lastFailure = Failure::Refused;
        }
        return fail(reason);
    }
    response.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        response.headers.append(pair);
    return response;
}

// How long a rate-limited answer asks to wait. GitHub: Retry-After first; with no requests left,
// until x-ratelimit-reset; a secondary limit without Retry-After, at least a minute. GitLab:
// Retry-After, then RateLimit-Reset; its per-minute application limits (hook tests, 5 a minute
// since 17.1) send neither, so a minute too. docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
std::optional<int> ApiClient::rateLimitWaitMs(const Response &response)
{
    if (const auto retryAfter = retryAfterMs(response))
        return retryAfter;
    const bool exhausted = response.header("x-ratelimit-remaining").trimmed() == "0"
            || response.header("RateLimit-Remaining").trimmed() == "0";
    if (exhausted) {
        QByteArray reset = response.header("x-ratelimit-reset");
        if (reset.isEmpty())
            reset = response.header("RateLimit-Reset");
        bool ok = false;
        const qint64 resetAt = reset.trimmed().toLongLong(&ok);
        if (ok && resetAt > 0) {
            const qint64 wait = resetAt * 1000 - QDateTime::currentMSecsSinceEpoch();
            return int(qBound<qint64>(1000, wait + 1000, qint64(24) * 3600 * 1000));
        }
    }
    if (response.status == 429 || response.body.contains("secondary rate limit"))
        return kUnhintedLimitWaitMs;
    return std::nullopt;
}

// Retry-After as seconds or as an HTTP date (RFC 9110 section 10.2.3).
std::optional<int> ApiClient::retryAfterMs(const Response &response)
{
    const QByteArray value = response.header("Retry-After").trimmed();
    if (value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = value.toLongLong(&ok);
    if (ok && seconds >= 0)
        return int(std::min<qint64>(seconds, 24 * 3600) * 1000);
    // IMF-fixdate, the form HTTP servers send: Sun, 06 Nov 1994 08:49:37 GMT
    QDateTime at = QLocale::c().toDateTime(QString::fromLatin1(value), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    at.setTimeZone(QTimeZone::utc());
    if (!at.isValid())
        return std::nullopt;
    return int(qBound<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(at), qint64(24) * 3600 * 1000));
}

Result<ApiClient::Response> ApiClient::request(const QByteArray &method, const QString &path, const Headers &headers,
                                               const QByteArray &body)
{
    if (!m_setupError.isEmpty())
        return fail(m_setupError);
    const QUrl url = resolve(path);
    const QString what = QStringLiteral("%1 %2").arg(QString::fromLatin1(method), url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo));
    if (const auto foreign = foreignOrigin(url)) {
        m_lastFailure = Failure::ForeignOrigin;
        return fail(QStringLiteral("%1: %2").arg(what, *foreign));
    }
    QString lastProblem;
    for (int attempt = 1; attempt <= m_settings.maxAttempts; ++attempt) {
        if (cancelled()) {
            m_lastFailure = Failure::Cancelled;
            return fail(QStringLiteral("%1: cancelled").arg(what));
        }
        ++m_calls;
        Result<Response> response = send(method, url, headers, body);
        const bool lastAttempt = attempt == m_settings.maxAttempts;
        int backoff = int(std::min<qint64>(qint64(m_settings.baseBackoffMs) << (attempt - 1), kMaxBackoffMs));
        backoff = backoff / 2 + int(QRandomGenerator::global()->bounded(backoff + 1)); // jitter: 50% to 150%

        int wait = backoff;
        if (!response) {
            if (m_lastFailure == Failure::Unresolvable || m_lastFailure == Failure::Untrusted || m_lastFailure == Failure::TooLarge)
                return fail(QStringLiteral("%1: %2").arg(what, response.error())); // retrying cannot help
            lastProblem = response.error();
        } else {
            QByteArray remaining = response->header("x-ratelimit-remaining");
            if (remaining.isEmpty())
                remaining = response->header("RateLimit-Remaining");
            if (!remaining.isEmpty())
                m_rateLimitRemaining = remaining.toLongLong();
            if (isRateLimited(*response)) {
                m_lastFailure = Failure::RateLimited;
                wait = rateLimitWaitMs(*response).value_or(backoff);
                lastProblem = tr("rate limited (%1)").arg(describe(*response));
                if (wait > m_settings.maxRateLimitWaitMs)
                    return fail(tr("%1: rate limit exhausted; it resets in %2 s, longer than the %3 s this run may wait")
                                        .arg(what)
                                        .arg((wait + 999) / 1000)
                                        .arg(m_settings.maxRateLimitWaitMs / 1000));
            } else if (response->status >= 500) {
                // A reset time on a server error only says when the hourly quota refills: not a reason to wait.
                m_lastFailure = Failure::ServerError;
                wait = retryAfterMs(*response).value_or(backoff);
                lastProblem = tr("answered %1").arg(describe(*response));
                if (wait > m_settings.maxRateLimitWaitMs)
                    return fail(tr("%1: %2; it asks to retry in %3 s, longer than the %4 s this run may wait")
                                        .arg(what, lastProblem)
                                        .arg((wait + 999) / 1000)
                                        .arg(m_settings.maxRateLimitWaitMs / 1000));
            } else {
                m_lastFailure = Failure::None;
                return response;
            }
        }
        if (lastAttempt) {
            qCInfo(lcApi).noquote() << QStringLiteral("%1 %2").arg(what, lastProblem);
            break;
        }
        qCInfo(lcApi).noquote() << QStringLiteral("%1 %2; retrying in %3 s").arg(what, lastProblem).arg(wait / 1000.0, 0, 'f', 1);
        m_sleep(wait);
    }
    if (cancelled()) {
        m_lastFailure = Failure::Cancelled;
        return fail(QStringLiteral("%1: cancelled").arg(what));
    }
    return fail(tr("%1: %2 after %3 attempts").arg(what, lastProblem).arg(m_settings.maxAttempts));
}

} // namespace forgelink

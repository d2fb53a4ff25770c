#include "fakeproviderapi.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QEventLoop>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>
#include <QUrl>
#include <QUrlQuery>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>

namespace forgelink::test {

namespace {

HttpResponse json(int status, const QJsonValue &value)
{
    HttpResponse response;
    response.status = status;
    response.contentType = "application/json; charset=utf-8";
    response.body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                    : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return response;
}

QByteArray header(const HttpRequest &request, QByteArrayView name)
{
    for (const auto &[key, value] : request.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool verifyRs256(const QByteArray &publicPem, const QByteArray &input, const QByteArray &signature)
{
    BIO *bio = BIO_new_mem_buf(publicPem.constData(), int(publicPem.size()));
    EVP_PKEY *key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!key)
        return false;
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key);
    const int ok = EVP_DigestVerify(context, reinterpret_cast<const unsigned char *>(signature.constData()),
                                    size_t(signature.size()), reinterpret_cast<const unsigned char *>(input.constData()),
                                    size_t(input.size()));
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    return ok == 1;
}

} // namespace

FakeProviderApi::FakeProviderApi(Provider provider, QObject *parent) : QObject(parent), m_provider(provider)
{
    for (const char *key : { "administration", "checks", "contents", "deployments", "pull_requests", "repository_hooks" })
        githubAppPermissions.insert(QLatin1String(key), QStringLiteral("write"));
    githubAppPermissions.insert(QStringLiteral("metadata"), QStringLiteral("read"));
    githubAppEvents = { QStringLiteral("create"), QStringLiteral("pull_request"), QStringLiteral("push"), QStringLiteral("repository") };
}

FakeProviderApi::~FakeProviderApi() = default;

bool FakeProviderApi::start(const QString &certificateFile, const QString &privateKeyFile)
{
    m_tls = !certificateFile.isEmpty();
    m_server = new HttpServer(
            HttpLimits{},
            [this](HttpRequest request, HttpServer::Responder respond) {
                HttpResponse response = handle(request);
                m_seen.append({ request.method, request.path, request.query, response.status, request.body });
                if (pageDelayMs > 0)
                    QTimer::singleShot(pageDelayMs, this, [respond, response] { respond(response); });
                else
                    respond(response);
            },
            this);
    return bool(m_server->listen(QHostAddress::LocalHost, 0, certificateFile, privateKeyFile));
}

QString FakeProviderApi::url(const QString &pathAndQuery) const
{
    return QStringLiteral("%1://127.0.0.1:%2%3").arg(m_tls ? QStringLiteral("https") : QStringLiteral("http")).arg(m_server->serverPort()).arg(pathAndQuery);
}

QString FakeProviderApi::baseUrl() const
{
    switch (m_provider) {
    case Provider::GitHub: return url(QStringLiteral("/api/v3"));
    case Provider::GitLab: return url(QString());
    case Provider::Bitbucket: return url(QString());
    case Provider::AzureDevOps: return url(QStringLiteral("/acme"));
    }
    return {};
}

void FakeProviderApi::addRepos(int count, int owners, qint64 installations)
{
    const int start = m_created;
    m_created += count;
    for (int i = start; i < start + count; ++i) {
        Repo repo;
        repo.id = m_provider == Provider::AzureDevOps
                ? QStringLiteral("%1-0000-4000-8000-%2").arg(i, 8, 16, QLatin1Char('0')).arg(i, 12, 10, QLatin1Char('0'))
                : QString::number(1000 + i);
        repo.owner = m_provider == Provider::Bitbucket ? QStringLiteral("PRJ%1").arg(i % owners)
                                                       : QStringLiteral("team%1").arg(i % owners);
        repo.name = QStringLiteral("repo-%1").arg(i);
        repo.isPrivate = i % 3 != 0;
        repo.installation = 1 + i % installations;
        repos << repo;
    }
}

int FakeProviderApi::requestCount(const QString &pathContains) const
{
    return int(std::count_if(m_seen.begin(), m_seen.end(),
                             [&](const Seen &seen) { return QString::fromUtf8(seen.path).contains(pathContains); }));
}

int FakeProviderApi::statusCount(int status) const
{
    return int(std::count_if(m_seen.begin(), m_seen.end(), [&](const Seen &seen) { return seen.status == status; }));
}

HttpResponse FakeProviderApi::handle(const HttpRequest &request)
{
    HttpResponse response = answer(request);
    // GitHub's REST API sends its rate-limit headers with every answer, errors included; the reset
    // time is when the hourly window refills, whatever the answer was.
    if (m_provider == Provider::GitHub && !request.path.contains("/settings/apps/new")) {
        auto has = [&response](QByteArrayView name) {
            return std::any_of(response.headers.begin(), response.headers.end(),
                               [name](const auto &header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
        };
        const QList<QPair<QByteArray, QByteArray>> limits{
            { "x-ratelimit-limit", "5000" },
            { "x-ratelimit-remaining", QByteArray::number(m_rateLimitRemaining) },
            { "x-ratelimit-used", QByteArray::number(5000 - m_rateLimitRemaining) },
            { "x-ratelimit-reset", QByteArray::number(QDateTime::currentSecsSinceEpoch() + 3600) },
            { "x-ratelimit-resource", "core" } };
        for (const auto &header : limits) {
            if (!has(header.first))
                response.headers.append(header);
        }
    }
    return response;
}

HttpResponse FakeProviderApi::answer(const HttpRequest &request)
{
    for (auto it = m_faults.begin(); it != m_faults.end(); ++it) {
        if (!QString::fromUtf8(request.path).contains(it->pathContains))
            continue;
        HttpResponse response;
        response.status = it->status;
        response.body = it->body;
        response.contentType = "application/json; charset=utf-8";
        response.headers = it->headers;
        if (--it->times <= 0)
            m_faults.erase(it);
        return response;
    }
    switch (m_provider) {
    case Provider::GitHub: return github(request);
    case Provider::GitLab: return gitlab(request);
    case Provider::Bitbucket: return bitbucket(request);
    case Provider::AzureDevOps: return azure(request);
    }
    return HttpResponse::text(500, "no provider");
}

QList<QJsonObject> FakeProviderApi::hooksWithUrl(const QString &url) const
{
    QList<QJsonObject> found;
    for (const QList<QJsonObject> &list : hooks)
        for (const QJsonObject &hook : list)
            if (hook.value(QStringLiteral("url")).toString() == url)
                found << hook;
    for (const QJsonObject &subscription : subscriptions)
        if (subscription.value(QStringLiteral("consumerInputs")).toObject().value(QStringLiteral("url")).toString() == url)
            found << subscription;
    return found;
}

// Create, list, update and delete on one repository's hooks, the way GitLab and Bitbucket do.
HttpResponse FakeProviderApi::hookApi(const HttpRequest &request, const QString &repoKey, const QByteArray &rest)
{
    QList<QJsonObject> &list = hooks[repoKey];
    const bool gitlab = m_provider == Provider::GitLab;
    if (rest.isEmpty() && request.method == "GET") {
        const QUrlQuery query(QString::fromUtf8(request.query));
        const int perPage = gitlab ? std::clamp(query.queryItemValue(QStringLiteral("per_page")).toInt(), 1, 100)
                                   : std::clamp(query.queryItemValue(QStringLiteral("limit")).toInt(), 1, 100);
        const int start = gitlab ? (std::max(1, query.queryItemValue(QStringLiteral("page")).toInt()) - 1) * perPage
                                 : query.queryItemValue(QStringLiteral("start")).toInt();
        QJsonArray page;
        for (int i = start; i < std::min<int>(int(list.size()), start + perPage); ++i) {
            QJsonObject hook = list.at(i);
            hook.remove(QStringLiteral("token")); // GitLab never returns the token
            page.append(hook);
        }
        const bool more = start + perPage < list.size();
        if (gitlab) {
            HttpResponse response = json(200, page);
            if (more)
                response.headers.append(qMakePair(QByteArray("Link"), QByteArray("<" + url(QString::fromUtf8(request.path) + QStringLiteral("?per_page=%1&page=%2").arg(perPage).arg(start / perPage + 2)).toUtf8() + ">; rel=\"next\"")));
            return response;
        }
        QJsonObject result{ { QStringLiteral("values"), page }, { QStringLiteral("isLastPage"), !more }, { QStringLiteral("start"), start } };
        if (more)
            result.insert(QStringLiteral("nextPageStart"), start + perPage);
        return json(200, result);
    }
    if (rest.isEmpty() && request.method == "POST") {
        QJsonObject hook = QJsonDocument::fromJson(request.body).object();
        hook.insert(QStringLiteral("id"), m_nextHookId++);
        if (gitlab)
            hook.insert(QStringLiteral("alert_status"), QStringLiteral("executable"));
        list.append(hook);
        return json(201, hook);
    }
    const QList<QByteArray> parts = rest.mid(1).split('/');
    const int id = parts.value(0).toInt();
    const auto it = std::find_if(list.begin(), list.end(), [id](const QJsonObject &hook) { return hook.value(QStringLiteral("id")).toInt() == id; });
    if (it == list.end())
        return json(404, QJsonObject{ { QStringLiteral("message"), QStringLiteral("404 Not found") } });
    if (parts.size() == 3 && parts.at(1) == "test" && request.method == "POST") {
        it->insert(QStringLiteral("alert_status"), QStringLiteral("executable")); // a delivery that works re-enables it
        return json(201, QJsonObject{ { QStringLiteral("message"), QStringLiteral("201 Created") } });
    }
    if (request.method == "PUT") {
        QJsonObject updated = QJsonDocument::fromJson(request.body).object();
        updated.insert(QStringLiteral("id"), id);
        if (gitlab)
            updated.insert(QStringLiteral("alert_status"), it->value(QStringLiteral("alert_status")));
        *it = updated;
        return json(200, updated);
    }
    if (request.method == "DELETE") {
        list.erase(it);
        HttpResponse response;
        response.status = 204;
        return response;
    }
    return json(405, QJsonObject{});
}

void FakeProviderApi::postGitHubDelivery(GitHubDelivery attempt, std::function<void(const GitHubDelivery &)> done)
{
    auto *network = new QNetworkAccessManager(this);
    QNetworkRequest request{ QUrl(githubWebhookUrl) };
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setRawHeader("User-Agent", "GitHub-Hookshot/fake");
    request.setRawHeader("X-GitHub-Event", attempt.event.toUtf8());
    request.setRawHeader("X-GitHub-Delivery", attempt.guid.toUtf8());
    request.setRawHeader("X-GitHub-Hook-ID", "4242");
    request.setRawHeader("X-GitHub-Hook-Installation-Target-Type", "integration");
    request.setRawHeader("X-GitHub-Hook-Installation-Target-ID", appId.toUtf8());
    request.setRawHeader("X-Hub-Signature-256",
                         "sha256=" + QMessageAuthenticationCode::hash(attempt.body, githubWebhookSecret, QCryptographicHash::Sha256).toHex());
    request.setTransferTimeout(10'000); // GitHub's limit for an answer
    QNetworkReply *reply = network->post(request, attempt.body);
    connect(reply, &QNetworkReply::finished, this, [this, network, reply, attempt, done]() mutable {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        attempt.deliveredAt = QDateTime::currentDateTimeUtc();
        attempt.statusCode = status;
        if (status >= 200 && status < 300)
            attempt.status = QStringLiteral("OK");
        else if (status > 0)
            attempt.status = QStringLiteral("Invalid HTTP Response: %1").arg(status);
        else if (reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError)
            attempt.status = QStringLiteral("timed out");
        else
            attempt.status = QStringLiteral("failed to connect to host");
        attempt.id = m_nextDeliveryId++;
        githubDeliveries << attempt;
        reply->deleteLater();
        network->deleteLater();
        done(attempt);
    });
}

FakeProviderApi::GitHubDelivery FakeProviderApi::sendGitHubDelivery(const QString &event, const QByteArray &body, const QString &guid, bool redelivery)
{
    GitHubDelivery attempt;
    attempt.guid = guid.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : guid;
    attempt.event = event;
    attempt.action = QJsonDocument::fromJson(body).object().value(QStringLiteral("action")).toString();
    attempt.body = body;
    attempt.redelivery = redelivery;
    QEventLoop loop;
    GitHubDelivery recorded;
    postGitHubDelivery(attempt, [&](const GitHubDelivery &done) {
        recorded = done;
        loop.quit();
    });
    loop.exec();
    return recorded;
}

FakeProviderApi::GitHubDelivery FakeProviderApi::addFailedGitHubDelivery(const QString &event, const QByteArray &body, const QDateTime &at,
                                                                         const QString &status)
{
    GitHubDelivery attempt;
    attempt.id = m_nextDeliveryId++;
    attempt.guid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    attempt.deliveredAt = at.toUTC();
    attempt.status = status;
    attempt.statusCode = status.startsWith(QLatin1String("Invalid HTTP Response: ")) ? status.mid(23).toInt() : 0;
    attempt.event = event;
    attempt.action = QJsonDocument::fromJson(body).object().value(QStringLiteral("action")).toString();
    attempt.body = body;
    githubDeliveries << attempt;
    std::stable_sort(githubDeliveries.begin(), githubDeliveries.end(),
                     [](const GitHubDelivery &a, const GitHubDelivery &b) { return a.deliveredAt < b.deliveredAt; });
    return attempt;
}

int FakeProviderApi::githubRedeliveriesSent() const
{
    return m_redeliveriesSent;
}

// GET /app/hook/deliveries and POST /app/hook/deliveries/{id}/attempts, as GitHub documents them:
// JWT only, newest first, `per_page` up to 100, an opaque `cursor` named by the Link header.
HttpResponse FakeProviderApi::githubDeliveriesApi(const HttpRequest &request, const QByteArray &path)
{
    if (!validJwt(request))
        return json(401, QJsonObject{ { QStringLiteral("message"), QStringLiteral("A JSON web token could not be decoded") },
                                      { QStringLiteral("documentation_url"), QStringLiteral("https://docs.github.com/rest") } });
    if (path == "/app/hook/deliveries" && request.method == "GET") {
        const QUrlQuery query(QString::fromUtf8(request.query));
        const int perPage = query.hasQueryItem(QStringLiteral("per_page")) ? query.queryItemValue(QStringLiteral("per_page")).toInt() : 30;
        if (perPage < 1 || perPage > 100)
            return json(422, QJsonObject{ { QStringLiteral("message"), QStringLiteral("Validation Failed") } });
        QList<GitHubDelivery> newestFirst(githubDeliveries.rbegin(), githubDeliveries.rend());
        std::stable_sort(newestFirst.begin(), newestFirst.end(),
                         [](const GitHubDelivery &a, const GitHubDelivery &b) { return a.deliveredAt > b.deliveredAt; });
        qsizetype start = 0;
        if (query.hasQueryItem(QStringLiteral("cursor"))) {
            const QString cursor = query.queryItemValue(QStringLiteral("cursor"));
            const auto at = std::find_if(newestFirst.begin(), newestFirst.end(),
                                         [&](const GitHubDelivery &d) { return QStringLiteral("v1_%1").arg(d.id) == cursor; });
            if (at == newestFirst.end())
                return json(400, QJsonObject{ { QStringLiteral("message"), QStringLiteral("Bad Request: invalid cursor") } });
            start = at - newestFirst.begin();
        }
        QJsonArray page;
        for (qsizetype i = start; i < std::min<qsizetype>(newestFirst.size(), start + perPage); ++i) {
            const GitHubDelivery &d = newestFirst.at(i);
            page.append(QJsonObject{ { QStringLiteral("id"), double(d.id) },
                                     { QStringLiteral("guid"), d.guid },
                                     { QStringLiteral("delivered_at"), d.deliveredAt.toString(Qt::ISODate) },
                                     { QStringLiteral("redelivery"), d.redelivery },
                                     { QStringLiteral("duration"), 0.27 },
                                     { QStringLiteral("status"), d.status },
                                     { QStringLiteral("status_code"), d.statusCode },
                                     { QStringLiteral("event"), d.event },
                                     { QStringLiteral("action"), d.action.isEmpty() ? QJsonValue() : QJsonValue(d.action) },
                                     { QStringLiteral("installation_id"), 99 },
                                     { QStringLiteral("repository_id"), 1000 },
                                     { QStringLiteral("throttled_at"), QJsonValue() } });
        }
        HttpResponse response = json(200, page);
        if (start + perPage < newestFirst.size())
            response.headers.append(qMakePair(QByteArray("Link"),
                                              "<" + url(QStringLiteral("/api/v3/app/hook/deliveries?per_page=%1&cursor=v1_%2").arg(perPage).arg(newestFirst.at(start + perPage).id)).toUtf8()
                                                      + ">; rel=\"next\""));
        return response;
    }
    const QList<QByteArray> parts = path.split('/'); // "", app, hook, deliveries, {id}, attempts
    if (parts.size() == 6 && parts.at(5) == "attempts" && request.method == "POST") {
        githubRedeliveryRequestTimes << QDateTime::currentMSecsSinceEpoch();
        if (!githubRedeliveryRefusals.isEmpty()) {
            const int status = githubRedeliveryRefusals.takeFirst();
            return json(status, QJsonObject{ { QStringLiteral("message"), status == 422 ? QStringLiteral("Validation Failed, or the endpoint has been spammed.")
                                                                                        : QStringLiteral("Bad Request") },
                                             { QStringLiteral("documentation_url"),
                                               QStringLiteral("https://docs.github.com/rest/apps/webhooks#redeliver-a-delivery-for-an-app-webhook") } });
        }
        const qint64 id = parts.at(4).toLongLong();
        const auto it = std::find_if(githubDeliveries.begin(), githubDeliveries.end(), [id](const GitHubDelivery &d) { return d.id == id; });
        if (it == githubDeliveries.end())
            return json(404, QJsonObject{ { QStringLiteral("message"), QStringLiteral("Not Found") } });
        if (it->deliveredAt < QDateTime::currentDateTimeUtc().addDays(-githubRedeliveryDays))
            return json(422, QJsonObject{ { QStringLiteral("message"), QStringLiteral("Validation Failed") },
                                          { QStringLiteral("errors"), QJsonArray{ QStringLiteral("Delivery is too old to redeliver") } } });
        GitHubDelivery again = *it;
        again.redelivery = true;
        QTimer::singleShot(githubRedeliveryDelayMs, this, [this, again] {
            ++m_redeliveriesSent;
            postGitHubDelivery(again, [](const GitHubDelivery &) {});
        });
        return json(202, QJsonObject{});
    }
    return json(404, QJsonObject{ { QStringLiteral("message"), QStringLiteral("Not Found") } });
}

bool FakeProviderApi::validJwt(const HttpRequest &request) const
{
    const QByteArray authorization = header(request, "Authorization");
    if (!authorization.startsWith("Bearer "))
        return false;
    const QList<QByteArray> parts = authorization.mid(7).split('.');
    if (parts.size() != 3)
        return false;
    const auto options = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
    const QJsonObject claims = QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], options)).object();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 iat = qint64(claims.value(QStringLiteral("iat")).toDouble());
    const qint64 exp = qint64(claims.value(QStringLiteral("exp")).toDouble());
    // GitHub's rules: issued in the past, expiring within 10 minutes, issued by the App.
    if (claims.value(QStringLiteral("iss")).toString() != appId || iat > now || exp <= now || exp - iat > 600)
        return false;
    if (!githubPublicKeyPem.isEmpty())
        return verifyRs256(githubPublicKeyPem, parts[0] + '.' + parts[1], QByteArray::fromBase64(parts[2], options));
    return true;
}

HttpResponse FakeProviderApi::github(const HttpRequest &request)
{
    const QUrlQuery query(QString::fromUtf8(request.query));
    auto withRateLimit = [this](HttpResponse response) {
        response.headers.append(qMakePair(QByteArray("x-ratelimit-limit"), QByteArray("5000")));
        response.headers.append(qMakePair(QByteArray("x-ratelimit-remaining"), QByteArray(QByteArray::number(m_rateLimitRemaining))));
        response.headers.append(qMakePair(QByteArray("x-ratelimit-reset"), QByteArray(QByteArray::number(QDateTime::currentSecsSinceEpoch() + 3600))));
        return response;
    };
    // The web side of the manifest flow: the form posts the manifest, GitHub redirects with a code.
    if (request.path.endsWith("/settings/apps/new") && request.method == "POST") {
        const QUrlQuery form(QString::fromUtf8(request.body).replace(QLatin1Char('+'), QLatin1Char(' ')));
        const QJsonObject manifest = QJsonDocument::fromJson(form.queryItemValue(QStringLiteral("manifest"), QUrl::FullyDecoded).toUtf8()).object();
        if (manifest.value(QStringLiteral("url")).toString().isEmpty() || manifest.value(QStringLiteral("hook_attributes")).toObject().value(QStringLiteral("url")).toString().isEmpty())
            return HttpResponse::text(422, "url and hook_attributes.url are required");
        const QString code = QStringLiteral("code%1").arg(m_nextHookId++);
        manifests.insert(code, manifest);
        const QString state = QUrlQuery(QString::fromUtf8(request.query)).queryItemValue(QStringLiteral("state"));
        HttpResponse redirect;
        redirect.status = 302;
        redirect.headers.append(qMakePair(QByteArray("Location"),
                                          (manifest.value(QStringLiteral("redirect_url")).toString() + QStringLiteral("?code=%1&state=%2").arg(code, state)).toUtf8()));
        return redirect;
    }
    const QByteArray path = request.path.mid(7); // after /api/v3
    if (path.startsWith("/app/hook/deliveries"))
        return githubDeliveriesApi(request, path);
    if (path.startsWith("/app-manifests/") && path.endsWith("/conversions") && request.method == "POST") {
        const QString code = QString::fromUtf8(path.mid(15, path.size() - 15 - 12));
        if (!manifests.contains(code) || convertedCodes.contains(code))
            return json(404, QJsonObject{ { QStringLiteral("message"), QStringLiteral("Not Found") } });
        convertedCodes.insert(code);
        const QJsonObject manifest = manifests.value(code);
        return json(201, QJsonObject{ { QStringLiteral("id"), appId.toDouble() },
                                      { QStringLiteral("slug"), QStringLiteral("pipekit-acme") },
                                      { QStringLiteral("name"), manifest.value(QStringLiteral("name")) },
                                      { QStringLiteral("client_id"), QStringLiteral("Iv23liFromManifest") },
                                      { QStringLiteral("client_secret"), QStringLiteral("manifest-client-secret-0123456789") },
                                      { QStringLiteral("webhook_secret"), manifestWebhookSecret.isEmpty() ? QJsonValue() : QJsonValue(manifestWebhookSecret) },
                                      { QStringLiteral("pem"), QString::fromUtf8(manifestPem) } });
    }
    if (path == "/app/hook/config") {
        if (!validJwt(request))
            return json(401, QJsonObject{ { QStringLiteral("message"), QStringLiteral("A JSON web token could not be decoded") } });
        if (request.method == "PATCH") {
            const QJsonObject changes = QJsonDocument::fromJson(request.body).object();
            for (auto it = changes.begin(); it != changes.end(); ++it)
                githubHookConfig.insert(it.key(), it.value());
        }
        QJsonObject shown = githubHookConfig;
        if (shown.contains(QStringLiteral("secret")))
            shown.insert(QStringLiteral("secret"), QStringLiteral("********"));
        return json(200, shown);
    }
    if (path == "/app") {
        if (!validJwt(request))
            return json(401, QJsonObject{ { QStringLiteral("message"), QStringLiteral("A JSON web token could not be decoded") } });
        QJsonArray events;
        for (const QString &event : githubAppEvents)
            events.append(event);
        return json(200, QJsonObject{ { QStringLiteral("id"), appId.toDouble() },
                                      { QStringLiteral("slug"), QStringLiteral("pipekit-acme") },
                                      { QStringLiteral("name"), QStringLiteral("Pipekit acme") },
                                      { QStringLiteral("client_id"), QStringLiteral("Iv23liFakeClient") },
                                      { QStringLiteral("permissions"), githubAppPermissions },
                                      { QStringLiteral("events"), events } });
    }
    if (path.startsWith("/repos/") && path.endsWith("/installation")) {
        if (!validJwt(request))
            return json(401, QJsonObject{ { QStringLiteral("message"), QStringLiteral("A JSON web token could not be decoded") } });
        const QString repo = QString::fromUtf8(path.mid(7, path.size() - 7 - 13));
        if (!githubInstalledOn.contains(repo))
            return json(404, QJsonObject{ { QStringLiteral("message"), QStringLiteral("Not Found") } });
        return json(200, QJsonObject{ { QStringLiteral("id"), 99 } });
    }
    if (path == "/app/installations") {
        if (!validJwt(request))
            return json(401, QJsonObject{ { QStringLiteral("message"), QStringLiteral("A JSON web token could not be decoded") } });
        QSet<qint64> installations;
        for (const Repo &repo : repos)
            installations.insert(repo.installation);
        QList<qint64> sorted(installations.begin(), installations.end());
        std::sort(sorted.begin(), sorted.end());
        QJsonArray list;
        for (qint64 id : sorted)
            list.append(QJsonObject{ { QStringLiteral("id"), double(id) },
                                     { QStringLiteral("account"), QJsonObject{ { QStringLiteral("login"), QStringLiteral("acme") } } } });
        return withRateLimit(json(200, list));
    }
    if (path.startsWith("/app/installations/") && path.endsWith("/access_tokens") && request.method == "POST") {
        if (!validJwt(request))
            return json(401, QJsonObject{ { QStringLiteral("message"), QStringLiteral("A JSON web token could not be decoded") } });
        const QByteArray id = path.mid(19, path.size() - 19 - 14);
        return json(201, QJsonObject{ { QStringLiteral("token"), QStringLiteral("ghs_installation_%1").arg(QString::fromLatin1(id)) },
                                      { QStringLiteral("expires_at"),
                                        QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate) } });
    }
    if (path == "/installation/repositories") {
        const QByteArray authorization = header(request, "Authorization");
        if (!authorization.startsWith("token ghs_installation_"))
            return json(401, QJsonObject{ { QStringLiteral("message"), QStringLiteral("Bad credentials") } });
        const qint64 installation = authorization.mid(23).toLongLong();
        QList<Repo> mine;
        for (const Repo &repo : repos) {
            if (repo.installation == installation)
                mine << repo;
        }
        const int perPage = std::clamp(query.queryItemValue(QStringLiteral("per_page")).toInt(), 1, 100);
        const int page = std::max(1, query.queryItemValue(QStringLiteral("page")).toInt());
        QJsonArray list;
        for (qsizetype i = qsizetype(page - 1) * perPage; i < std::min<qsizetype>(mine.size(), qsizetype(page) * perPage); ++i) {
            const Repo &repo = mine.at(i);
            const QString fullName = repo.owner + QLatin1Char('/') + repo.name;
            list.append(QJsonObject{ { QStringLiteral("id"), repo.id.toDouble() },
                                     { QStringLiteral("name"), repo.name },
                                     { QStringLiteral("full_name"), fullName },
                                     { QStringLiteral("private"), repo.isPrivate },
                                     { QStringLiteral("visibility"), repo.isPrivate ? QStringLiteral("private") : QStringLiteral("public") },
                                     { QStringLiteral("archived"), repo.archived },
                                     { QStringLiteral("default_branch"), repo.defaultBranch },
                                     { QStringLiteral("html_url"), QStringLiteral("https://github.example/") + fullName },
                                     { QStringLiteral("clone_url"), QStringLiteral("https://github.example/") + fullName + QStringLiteral(".git") } });
        }
        HttpResponse response = json(200, QJsonObject{ { QStringLiteral("total_count"), double(mine.size()) },
                                                       { QStringLiteral("repository_selection"), QStringLiteral("all") },
                                                       { QStringLiteral("repositories"), list } });
        const QByteArray etag = "W/\"" + QCryptographicHash::hash(response.body, QCryptographicHash::Sha1).toHex() + '"';
        if (qsizetype(page) * perPage < mine.size() && page != omitLinkOnPage)
            response.headers.append(qMakePair(QByteArray("Link"), QByteArray("<" + url(QStringLiteral("/api/v3/installation/repositories?per_page=%1&page=%2").arg(perPage).arg(page + 1)).toUtf8()
                                                 + ">; rel=\"next\", <" + url(QStringLiteral("/api/v3/installation/repositories?per_page=%1&page=%2").arg(perPage).arg((mine.size() + perPage - 1) / perPage)).toUtf8()
                                                 + ">; rel=\"last\"")));
        response.headers.append(qMakePair(QByteArray("ETag"), QByteArray(etag)));
        if (header(request, "If-None-Match") == etag) {
            // A conditional request that matches costs no rate limit.
            HttpResponse notModified;
            notModified.status = 304;
            notModified.headers = response.headers;
            if (bareNotModified)
                notModified.headers.removeIf([](const auto &h) { return h.first == "Link"; });
            return withRateLimit(notModified);
        }
        --m_rateLimitRemaining;
        return withRateLimit(response);
    }
    return json(404, QJsonObject{ { QStringLiteral("message"), QStringLiteral("Not Found") } });
}

HttpResponse FakeProviderApi::gitlab(const HttpRequest &request)
{
    if (request.path == "/api/v4/personal_access_tokens/self") {
        if (header(request, "PRIVATE-TOKEN") != token)
            return json(401, QJsonObject{ { QStringLiteral("message"), QStringLiteral("401 Unauthorized") } });
        QJsonArray scopes;
        for (const QString &scope : gitlabScopes)
            scopes.append(scope);
        return json(200, QJsonObject{ { QStringLiteral("id"), 7 }, { QStringLiteral("name"), QStringLiteral("pipekit") },
                                      { QStringLiteral("revoked"), false }, { QStringLiteral("active"), true },
                                      { QStringLiteral("scopes"), scopes },
                                      { QStringLiteral("expires_at"), gitlabTokenExpires.isEmpty() ? QJsonValue() : QJsonValue(gitlabTokenExpires) } });
    }
    if (request.path.startsWith("/api/v4/projects/") && request.path.contains("/hooks")) {
        if (header(request, "PRIVATE-TOKEN") != token)
            return json(401, QJsonObject{ { QStringLiteral("message"), QStringLiteral("401 Unauthorized") } });
        const QByteArray rest = request.path.mid(17);
        const qsizetype slash = rest.indexOf('/');
        const QString project = QString::fromUtf8(rest.left(slash));
        // Project hooks need the Maintainer role (doc/api/project_webhooks.md).
        const auto repo = std::find_if(repos.begin(), repos.end(), [&](const Repo &r) { return r.id == project; });
        if (repo != repos.end() && repo->accessLevel < 40)
            return json(403, QJsonObject{ { QStringLiteral("message"), QStringLiteral("403 Forbidden") } });
        const QByteArray hookPath = rest.mid(slash + 6); // after "/hooks"
        if (hookPath.contains("/test/") && request.method == "POST") {
            // POST /projects/:id/hooks/:hook_id/test/:trigger exists from GitLab 16.11; from 17.1 it is
            // limited to 5 requests a minute per project and user, answered 429 without Retry-After.
            if (gitlabVersion < QVersionNumber(16, 11))
                return json(404, QJsonObject{ { QStringLiteral("error"), QStringLiteral("404 Not Found") } });
            if (gitlabVersion >= QVersionNumber(17, 1)) {
                QList<qint64> &tests = gitlabHookTests[project];
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                tests.removeIf([now](qint64 at) { return now - at >= 60'000; });
                if (tests.size() >= 5)
                    return json(429, QJsonObject{ { QStringLiteral("message"), QJsonObject{ { QStringLiteral("error"),
                        QStringLiteral("This endpoint has been requested too many times. Try again later.") } } } });
                tests.append(now);
            }
            // TestHooks::ProjectService: a push test needs a commit; the API answers 422 with the
            // service's message (lib/api/hooks/test.rb).
            if (repo != repos.end() && repo->empty && hookPath.endsWith("/test/push_events"))
                return json(422, QJsonObject{ { QStringLiteral("message"), QStringLiteral("Ensure the project has at least one commit.") } });
        }
        return hookApi(request, project, hookPath);
    }
    if (request.path != "/api/v4/projects")
        return json(404, QJsonObject{ { QStringLiteral("message"), QStringLiteral("404 Not Found") } });
    if (header(request, "PRIVATE-TOKEN") != token)
        return json(401, QJsonObject{ { QStringLiteral("message"), QStringLiteral("401 Unauthorized") } });
    const QUrlQuery query(QString::fromUtf8(request.query));
    if (query.queryItemValue(QStringLiteral("pagination")) != u"keyset" || query.queryItemValue(QStringLiteral("order_by")) != u"id")
        return json(400, QJsonObject{ { QStringLiteral("error"), QStringLiteral("keyset pagination expected") } });
    const int perPage = std::clamp(query.queryItemValue(QStringLiteral("per_page")).toInt(), 1, 100);
    const qint64 after = query.queryItemValue(QStringLiteral("id_after")).toLongLong();
    const int minAccessLevel = query.queryItemValue(QStringLiteral("min_access_level")).toInt();
    const bool simple = query.queryItemValue(QStringLiteral("simple")) == u"true";
    QList<Repo> sorted = repos;
    sorted.removeIf([minAccessLevel](const Repo &repo) { return repo.accessLevel < minAccessLevel; });
    std::sort(sorted.begin(), sorted.end(), [](const Repo &a, const Repo &b) { return a.id.toLongLong() < b.id.toLongLong(); });
    QJsonArray list;
    qint64 last = 0;
    bool more = false;
    for (const Repo &repo : sorted) {
        if (repo.id.toLongLong() <= after)
            continue;
        if (list.size() == perPage) {
            more = true;
            break;
        }
        const QString path = repo.owner + QLatin1Char('/') + repo.name;
        // simple=true: id, names, paths, default branch and URLs; no visibility, archived or
        // permissions (lib/api/entities/basic_project_details.rb).
        QJsonObject project{ { QStringLiteral("id"), repo.id.toDouble() },
                             { QStringLiteral("name"), repo.name },
                             { QStringLiteral("path"), repo.name },
                             { QStringLiteral("path_with_namespace"), path },
                             { QStringLiteral("default_branch"), repo.defaultBranch },
                             { QStringLiteral("web_url"), QStringLiteral("https://gitlab.example/") + path },
                             { QStringLiteral("http_url_to_repo"), QStringLiteral("https://gitlab.example/") + path + QStringLiteral(".git") } };
        if (!simple) {
            project.insert(QStringLiteral("visibility"), repo.isPrivate ? QStringLiteral("private") : QStringLiteral("internal"));
            project.insert(QStringLiteral("archived"), repo.archived);
            project.insert(QStringLiteral("permissions"),
                           QJsonObject{ { QStringLiteral("project_access"), QJsonObject{ { QStringLiteral("access_level"), repo.accessLevel },
                                                                                         { QStringLiteral("notification_level"), 3 } } },
                                        { QStringLiteral("group_access"), QJsonValue() } });
        }
        list.append(project);
        last = repo.id.toLongLong();
    }
    HttpResponse response = json(200, list);
    response.headers.append(qMakePair(QByteArray("RateLimit-Limit"), QByteArray("2000")));
    response.headers.append(qMakePair(QByteArray("RateLimit-Remaining"), QByteArray(QByteArray::number(--m_rateLimitRemaining))));
    if (more) {
        QUrlQuery next = query;
        next.removeAllQueryItems(QStringLiteral("id_after"));
        next.addQueryItem(QStringLiteral("id_after"), QString::number(last));
        response.headers.append(qMakePair(QByteArray("Link"), QByteArray("<" + url(QStringLiteral("/api/v4/projects?") + next.toString(QUrl::FullyEncoded)).toUtf8() + ">; rel=\"next\"")));
    }
    return response;
}

HttpResponse FakeProviderApi::bitbucket(const HttpRequest &request)
{
    if (request.path == "/rest/api/latest/projects") {
        if (header(request, "Authorization") != "Bearer " + token)
            return json(401, QJsonObject{ { QStringLiteral("errors"), QJsonArray{} } });
        // 200 with the projects the token may view (possibly none), filtered silently by the
        // permission asked for: no error says a permission is missing.
        const QString permission = QUrlQuery(QString::fromUtf8(request.query)).queryItemValue(QStringLiteral("permission"));
        QStringList keys;
        for (const Repo &repo : repos) {
            if (keys.contains(repo.owner))
                continue;
            const bool reads = bitbucketProjectRead.isEmpty() || bitbucketProjectRead.contains(repo.owner);
            if (permission.isEmpty() || (permission == u"PROJECT_READ" && reads))
                keys << repo.owner;
        }
        QJsonArray values;
        for (const QString &key : keys)
            values.append(QJsonObject{ { QStringLiteral("key"), key }, { QStringLiteral("name"), key.toLower() } });
        return json(200, QJsonObject{ { QStringLiteral("size"), values.size() }, { QStringLiteral("limit"), 25 },
                                      { QStringLiteral("start"), 0 }, { QStringLiteral("isLastPage"), true },
                                      { QStringLiteral("values"), values } });
    }
    if (request.path.startsWith("/rest/api/latest/projects/") && request.path.contains("/webhooks")) {
        if (header(request, "Authorization") != "Bearer " + token)
            return json(401, QJsonObject{ { QStringLiteral("errors"), QJsonArray{} } });
        // /rest/api/latest/projects/{key}/repos/{slug}/webhooks[/{id}]
        const QList<QByteArray> parts = request.path.split('/');
        const QString key = QString::fromUtf8(parts.value(5)) + QLatin1Char('/') + QString::fromUtf8(parts.value(7));
        const qsizetype at = request.path.indexOf("/webhooks") + 9;
        return hookApi(request, key, request.path.mid(at));
    }
    if (request.path != "/rest/api/latest/repos")
        return json(404, QJsonObject{ { QStringLiteral("errors"), QJsonArray{ QJsonObject{ { QStringLiteral("message"), QStringLiteral("not found") } } } } });
    if (header(request, "Authorization") != "Bearer " + token)
        return json(401, QJsonObject{ { QStringLiteral("errors"), QJsonArray{ QJsonObject{ { QStringLiteral("message"), QStringLiteral("Authentication failed") } } } } });
    const QUrlQuery query(QString::fromUtf8(request.query));
    if (query.queryItemValue(QStringLiteral("permission")) != u"REPO_ADMIN")
        return json(400, QJsonObject{ { QStringLiteral("errors"), QStringLiteral("permission=REPO_ADMIN expected") } });
    const int limit = std::clamp(query.queryItemValue(QStringLiteral("limit")).toInt(), 1, 1000); // the server's maximum
    const int start = query.queryItemValue(QStringLiteral("start")).toInt();
    QJsonArray values;
    for (int i = start; i < std::min<int>(int(repos.size()), start + limit); ++i) {
        const Repo &repo = repos.at(i);
        const QString slug = repo.name;
        values.append(QJsonObject{
                { QStringLiteral("id"), repo.id.toDouble() },
                { QStringLiteral("slug"), slug },
                { QStringLiteral("name"), repo.name },
                { QStringLiteral("public"), !repo.isPrivate },
                { QStringLiteral("archived"), repo.archived },
                { QStringLiteral("project"), QJsonObject{ { QStringLiteral("key"), repo.owner } } },
                { QStringLiteral("links"),
                  QJsonObject{ { QStringLiteral("self"), QJsonArray{ QJsonObject{ { QStringLiteral("href"), QStringLiteral("https://bitbucket.example/projects/%1/repos/%2/browse").arg(repo.owner, slug) } } } },
                               { QStringLiteral("clone"), QJsonArray{ QJsonObject{ { QStringLiteral("name"), QStringLiteral("http") }, { QStringLiteral("href"), QStringLiteral("https://bitbucket.example/scm/%1/%2.git").arg(repo.owner.toLower(), slug) } } } } } } });
    }
    const bool last = start + limit >= repos.size();
    QJsonObject page{ { QStringLiteral("size"), values.size() }, { QStringLiteral("limit"), limit },
                      { QStringLiteral("start"), start },    { QStringLiteral("isLastPage"), last },
                      { QStringLiteral("values"), values } };
    if (!last)
        page.insert(QStringLiteral("nextPageStart"), start + limit);
    return json(200, page);
}

HttpResponse FakeProviderApi::azure(const HttpRequest &request)
{
    if (header(request, "Authorization") != "Basic " + (":" + token).toBase64()) {
        // Azure DevOps answers a bad PAT with 203 and an HTML sign-in page.
        HttpResponse response = HttpResponse::text(203, "<html>Sign in</html>");
        response.contentType = "text/html";
        return response;
    }
    const QUrlQuery query(QString::fromUtf8(request.query));
    // Every call names an api-version; one newer than the server speaks is refused, as Azure DevOps
    // Server does (VssVersionOutOfRangeException).
    const QString asked = query.queryItemValue(QStringLiteral("api-version"));
    if (asked.isEmpty())
        return json(400, QJsonObject{ { QStringLiteral("message"), QStringLiteral("No api-version was supplied for the \"GET\" request.") },
                                      { QStringLiteral("typeKey"), QStringLiteral("VssInvalidPreviewVersionException") } });
    if (QVersionNumber::fromString(asked) > azureApiVersion)
        return json(400, QJsonObject{ { QStringLiteral("$id"), QStringLiteral("1") },
                                      { QStringLiteral("message"), QStringLiteral("The requested REST API version of %1 is out of range for this server. "
                                                                                  "The latest REST API version this server supports is %2.")
                                                                           .arg(asked, azureApiVersion.toString()) },
                                      { QStringLiteral("typeName"), QStringLiteral("Microsoft.VisualStudio.Services.WebApi.VssVersionOutOfRangeException, "
                                                                                   "Microsoft.VisualStudio.Services.WebApi") },
                                      { QStringLiteral("typeKey"), QStringLiteral("VssVersionOutOfRangeException") },
                                      { QStringLiteral("errorCode"), 0 }, { QStringLiteral("eventId"), 3000 } });
    QStringList projects;
    for (const Repo &repo : repos) {
        if (!projects.contains(repo.owner))
            projects << repo.owner;
    }
    auto projectId = [](const QString &name) {
        return QString::fromLatin1(QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Md5).toHex());
    };
    auto mayEditIn = [&](const QString &projectIdOrName) {
        for (const QString &name : projects) {
            if (name == projectIdOrName || projectId(name) == projectIdOrName)
                return azureCanEditSubscriptions.value(name, true);
        }
        return azureCanEditSubscriptions.value(projectIdOrName, true);
    };
    // Permissions - Has Permissions: one answer per token, for the caller.
    if (request.path.startsWith("/acme/_apis/permissions/")) {
        const QList<QByteArray> parts = request.path.split('/');
        if (parts.value(4) != "cb594ebe-87dd-4fc9-ac2c-6a10a4c92046")
            return json(404, QJsonObject{ { QStringLiteral("message"), QStringLiteral("namespace not found") } });
        const int bits = parts.value(5).toInt();
        QJsonArray value;
        for (const QString &token : query.queryItemValue(QStringLiteral("tokens"), QUrl::FullyDecoded).split(QLatin1Char(','))) {
            // View (1) for every reader, Edit (2) where the owner may edit. Delete (4) is no
            // longer granted by itself ("EditSubscriptions can delete service hooks",
            // azure-devops-docs organizations/security/namespace-reference.md): asking for it fails.
            const int granted = mayEditIn(token.section(QLatin1Char('/'), 1)) ? 1 | 2 : 1;
            value.append((bits & ~granted) == 0);
        }
        return json(200, QJsonObject{ { QStringLiteral("count"), value.size() }, { QStringLiteral("value"), value } });
    }
    if (request.path == "/acme/_apis/projects") {
        const int top = std::clamp(query.queryItemValue(QStringLiteral("$top")).toInt(), 1, 100);
        const int from = query.queryItemValue(QStringLiteral("continuationToken")).toInt();
        QJsonArray value;
        for (int i = from; i < std::min<int>(int(projects.size()), from + top); ++i)
            value.append(QJsonObject{ { QStringLiteral("id"), projectId(projects.at(i)) },
                                      { QStringLiteral("name"), projects.at(i) },
                                      { QStringLiteral("visibility"), QStringLiteral("private") },
                                      { QStringLiteral("state"), QStringLiteral("wellFormed") } });
        HttpResponse response = json(200, QJsonObject{ { QStringLiteral("count"), value.size() }, { QStringLiteral("value"), value } });
        if (from + top < projects.size())
            response.headers.append(qMakePair(QByteArray("x-ms-continuationtoken"), QByteArray(QByteArray::number(from + top))));
        return response;
    }
    if (request.path.startsWith("/acme/_apis/projects/")) {
        const QString name = QUrl::fromPercentEncoding(request.path.mid(21));
        if (!projects.contains(name))
            return json(404, QJsonObject{ { QStringLiteral("message"), QStringLiteral("project not found") } });
        return json(200, QJsonObject{ { QStringLiteral("id"), projectId(name) }, { QStringLiteral("name"), name } });
    }
    if (request.path == "/acme/_apis/hooks/subscriptions" && request.method == "GET") {
        QJsonArray value;
        for (const QJsonObject &subscription : subscriptions)
            value.append(subscription);
        return json(200, QJsonObject{ { QStringLiteral("count"), value.size() }, { QStringLiteral("value"), value } });
    }
    if (request.path == "/acme/_apis/hooks/subscriptions" && request.method == "POST" && subscriptionPostsBeforeRefusal == 0)
        return json(403, QJsonObject{ { QStringLiteral("message"), QStringLiteral("TF400813: not authorized to edit subscriptions") } });
    if (request.path == "/acme/_apis/hooks/subscriptions" && request.method == "POST") {
        QJsonObject subscription = QJsonDocument::fromJson(request.body).object();
        if (!mayEditIn(subscription.value(QStringLiteral("publisherInputs")).toObject().value(QStringLiteral("projectId")).toString()))
            return json(403, QJsonObject{ { QStringLiteral("message"), QStringLiteral("TF400813: The user is not authorized to access this resource.") } });
        if (subscriptionPostsBeforeRefusal > 0)
            --subscriptionPostsBeforeRefusal;
        subscription.insert(QStringLiteral("id"), QStringLiteral("sub-%1").arg(m_nextHookId++));
        subscriptions.append(subscription);
        return json(200, subscription);
    }
    if (request.path.startsWith("/acme/_apis/hooks/subscriptions/")) {
        const QString id = QString::fromUtf8(request.path.mid(32));
        auto it = std::find_if(subscriptions.begin(), subscriptions.end(),
                               [&](const QJsonObject &s) { return s.value(QStringLiteral("id")).toString() == id; });
        if (it == subscriptions.end())
            return json(404, QJsonObject{ { QStringLiteral("message"), QStringLiteral("subscription not found") } });
        if (request.method == "DELETE") {
            subscriptions.erase(it);
            HttpResponse response;
            response.status = 204;
            return response;
        }
        if (request.method == "PUT") {
            QJsonObject updated = QJsonDocument::fromJson(request.body).object();
            updated.insert(QStringLiteral("id"), id);
            *it = updated;
            return json(200, updated);
        }
    }
    if (request.path.endsWith("/_apis/git/repositories")) {
        const QString id = QString::fromUtf8(request.path.split('/').at(2));
        QJsonArray value;
        for (const Repo &repo : repos) {
            if (projectId(repo.owner) != id)
                continue;
            value.append(QJsonObject{ { QStringLiteral("id"), repo.id },
                                      { QStringLiteral("name"), repo.name },
                                      { QStringLiteral("project"), QJsonObject{ { QStringLiteral("id"), id }, { QStringLiteral("name"), repo.owner } } },
                                      { QStringLiteral("defaultBranch"), QStringLiteral("refs/heads/") + repo.defaultBranch },
                                      { QStringLiteral("webUrl"), QStringLiteral("https://dev.azure.com/acme/%1/_git/%2").arg(repo.owner, repo.name) },
                                      { QStringLiteral("remoteUrl"), QStringLiteral("https://acme@dev.azure.com/acme/%1/_git/%2").arg(repo.owner, repo.name) } });
        }
        return json(200, QJsonObject{ { QStringLiteral("count"), value.size() }, { QStringLiteral("value"), value } });
    }
    return json(404, QJsonObject{ { QStringLiteral("message"), QStringLiteral("not found") } });
}

} // namespace forgelink::test

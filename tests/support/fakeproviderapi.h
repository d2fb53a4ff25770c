#pragma once

#include "core/provider.h"
#include "http/httpserver.h"

#include <QHash>
#include <QSet>
#include <QJsonObject>
#include <QStringList>
#include <QList>
#include <QString>
#include <QVersionNumber>
#include <QDateTime>

#include <functional>

namespace forgelink::test {

// A loopback fake of one provider's REST API, following the documented shapes: GitHub App
// installations, tokens and Link pagination with ETags; GitLab keyset pagination; Bitbucket
// start/limit pages; Azure DevOps continuation tokens. Faults can be injected per path.
class FakeProviderApi : public QObject {
    Q_OBJECT

public:
    struct Repo {
        QString id;
        QString owner;      // GitHub owner, GitLab group, Bitbucket project key, Azure project name
        QString name;
        QString defaultBranch = QStringLiteral("main");
        bool isPrivate = true;
        bool archived = false;
        qint64 installation = 1; // GitHub
        int accessLevel = 40;    // GitLab: the token's user's role (30 Developer, 40 Maintainer, 50 Owner)
        bool empty = false;      // no commit yet: GitLab cannot test a push hook on it
    };
    struct Fault {
        QString pathContains;
        int status = 502;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        int times = 1;
    };
    struct Seen {
        QByteArray method;
        QByteArray path;
        QByteArray query;
        int status = 0;
        QByteArray body;
    };

    explicit FakeProviderApi(Provider provider, QObject *parent = nullptr);
    ~FakeProviderApi() override;

    // Plain HTTP, or HTTPS with the given certificate and key files.
    bool start(const QString &certificateFile = {}, const QString &privateKeyFile = {});
    // The base URL to configure: GitHub's API URL, GitLab's instance URL, Bitbucket's server URL,
    // the Azure DevOps organization URL.
    QString baseUrl() const;

    void addRepos(int count, int owners = 1, qint64 installations = 1);
    QList<Repo> repos;
    QByteArray token = "fake-token-0123456789";
    QString appId = QStringLiteral("424242");
    QByteArray githubPublicKeyPem; // JWTs are verified against it when set
    int pageDelayMs = 0;           // makes runs slow enough to overlap
    // GitHub's repository pages: a 304 with only its validators and rate-limit headers (RFC 9110
    // section 15.4.5 lets a 304 omit Link, and caching proxies do), and a page whose Link is lost.
    bool bareNotModified = false;
    int omitLinkOnPage = 0;
    // What the credential checks read: the GitHub App's settings, the GitLab token's scopes.
    QJsonObject githubAppPermissions;
    QStringList githubAppEvents;
    QStringList gitlabScopes{ QStringLiteral("api"), QStringLiteral("read_user"), QStringLiteral("read_repository") };
    QString gitlabTokenExpires = QStringLiteral("2099-01-01");
    // The GitLab version the fake speaks: the hook test endpoint exists from 16.11 and is limited
    // to 5 requests a minute per project and user from 17.1.
    QVersionNumber gitlabVersion{ 17, 5 };
    QHash<QString, QList<qint64>> gitlabHookTests; // per project: when each test ran (ms since epoch)
    // Hooks on repositories: GitLab project hooks and Bitbucket webhooks by repository id,
    // Azure DevOps subscriptions in one list; GitHub installations by "owner/name".
    QHash<QString, QList<QJsonObject>> hooks;
    QList<QJsonObject> subscriptions;
    QSet<QString> githubInstalledOn;
    int subscriptionPostsBeforeRefusal = -1; // Azure: refuse creations after this many (403)
    // Azure DevOps: the newest REST API version the server speaks (Services 7.1, Server 2022 7.0,
    // 2020 6.0, 2019 5.0), and whether the PAT's owner may edit subscriptions, per project name
    // (absent: yes). Listing subscriptions needs only the view permission.
    QVersionNumber azureApiVersion{ 7, 1 };
    // Bitbucket: the project keys the token holds PROJECT_READ on (empty: every project). A token
    // that administers a repository may view its project even without PROJECT_READ.
    QSet<QString> bitbucketProjectRead;
    QHash<QString, bool> azureCanEditSubscriptions;
    // GitHub's App Manifest flow: manifests posted to the "new App" form, by the code issued.
    QHash<QString, QJsonObject> manifests;
    QSet<QString> convertedCodes;
    QByteArray manifestPem; // the key the conversion hands out
    // The webhook secret the conversion hands out; empty: null, as GitHub may answer.
    QString manifestWebhookSecret = QStringLiteral("manifest-webhook-secret-0123456789");
    // The App's webhook configuration (GET/PATCH /app/hook/config); GitHub never shows the secret.
    QJsonObject githubHookConfig;
    QList<QJsonObject> hooksWithUrl(const QString &url) const;

    // The GitHub App's webhook deliveries (GET /app/hook/deliveries, newest first, cursor pages
    // through the Link header; POST /app/hook/deliveries/{id}/attempts): every attempt, oldest
    // first. sendGitHubDelivery posts to githubWebhookUrl as GitHub does (signed with
    // githubWebhookSecret, 10 s to answer) and records the attempt; a redelivery request sends
    // the same guid again, githubRedeliveryDelayMs later.
    struct GitHubDelivery {
        qint64 id = 0;
        QString guid;
        QDateTime deliveredAt;
        bool redelivery = false;
        QString status; // "OK", "Invalid HTTP Response: 503", "failed to connect to host"
        int statusCode = 0;
        QString event;
        QString action;
        QByteArray body;
    };
    QList<GitHubDelivery> githubDeliveries;
    QString githubWebhookUrl;
    QByteArray githubWebhookSecret;
    int githubRedeliveryDays = 3; // older attempts are listed, but GitHub refuses to send them again (422)
    int githubRedeliveryDelayMs = 0;
    // What the next redelivery requests are answered instead of 202 (GitHub documents 400, and
    // 422 also "when the endpoint has been spammed"), and when each request came (ms since epoch).
    QList<int> githubRedeliveryRefusals;
    QList<qint64> githubRedeliveryRequestTimes;
    GitHubDelivery sendGitHubDelivery(const QString &event, const QByteArray &body, const QString &guid = {}, bool redelivery = false);
    // An attempt that failed at `at` (the agent was down then), recorded without sending anything.
    GitHubDelivery addFailedGitHubDelivery(const QString &event, const QByteArray &body, const QDateTime &at,
                                           const QString &status = QStringLiteral("failed to connect to host"));
    int githubRedeliveriesSent() const;

    void injectFault(const Fault &fault) { m_faults.append(fault); }
    void clearFaults() { m_faults.clear(); }
    QList<Seen> requests() const { return m_seen; }
    int requestCount(const QString &pathContains = {}) const;
    int statusCount(int status) const;
    void clearRequests() { m_seen.clear(); }

private:
    HttpResponse handle(const HttpRequest &request);
    HttpResponse answer(const HttpRequest &request);
    HttpResponse github(const HttpRequest &request);
    HttpResponse gitlab(const HttpRequest &request);
    HttpResponse bitbucket(const HttpRequest &request);
    HttpResponse azure(const HttpRequest &request);
    bool validJwt(const HttpRequest &request) const;
    QString url(const QString &pathAndQuery) const;

    Provider m_provider;
    HttpServer *m_server = nullptr;
    bool m_tls = false;
    QList<Fault> m_faults;
    QList<Seen> m_seen;
    qint64 m_rateLimitRemaining = 5000;
    int m_created = 0; // ids stay unique when repositories are removed and added
    int m_nextHookId = 1;
    HttpResponse hookApi(const HttpRequest &request, const QString &repoKey, const QByteArray &rest);
    HttpResponse githubDeliveriesApi(const HttpRequest &request, const QByteArray &path);
    void postGitHubDelivery(GitHubDelivery attempt, std::function<void(const GitHubDelivery &)> done);
    qint64 m_nextDeliveryId = 10'000'000'000;
    int m_redeliveriesSent = 0;
};

} // namespace forgelink::test

#include "providers/github/githublister.h"

#include "json/jsonparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace forgelink {

namespace {

constexpr int kPerPage = 100;

// A cached page is asked for with If-None-Match only when a 304 lets the listing go on from the
// cache alone: every repository it held is still cached, its next link is known, and it is not a
// full last page (one more repository elsewhere gives it a next page while its ETag may stay).
bool mayAskIfChanged(const CachedPage &page, const RepositoryCache &cache)
{
    if (!page.next || (page.next->isEmpty() && page.ids.size() >= kPerPage))
        return false;
    for (const QString &id : page.ids) {
        if (!cache.repositories.contains(id))
            return false;
    }
    return true;
}

} // namespace

GitHubLister::GitHubLister(const GitHubSettings &settings, const NetworkSettings &network, GitHubAppAuth auth)
    : m_client(RepositoryLister::apiSettings(settings.apiUrl, network)), m_auth(std::move(auth))
{
}

Result<QList<qint64>> GitHubLister::installations()
{
    QList<qint64> ids;
    QString url = QStringLiteral("/app/installations?per_page=100");
    while (!url.isEmpty()) {
        Result<ApiClient::Headers> headers = m_auth.appHeaders();
        if (!headers)
            return fail(headers.error());
        Result<ApiClient::Response> response = m_client.get(url, headers.value());
        if (!response)
            return fail(response.error());
        if (response->status != 200)
            return fail(QStringLiteral("GitHub refused to list the App's installations: %1%2")
                                .arg(ApiClient::describe(*response),
                                     response->status == 401 ? QStringLiteral(" (check the App ID and the private key)") : QString()));
        const QJsonDocument page = QJsonDocument::fromJson(response->body);
        if (!page.isArray())
            return fail(QStringLiteral("GitHub's installations page %1 is not a JSON array").arg(url));
        for (const QJsonValue &installation : page.array()) {
            const QJsonValue id = installation.toObject().value(QStringLiteral("id"));
            if (!id.isDouble())
                return fail(QStringLiteral("GitHub's installations page %1 has an installation without an id").arg(url));
            ids << qint64(id.toDouble());
        }
        url = RepositoryLister::nextLink(response->header("Link"));
    }
    return ids;
}

Result<RepositoryListing> GitHubLister::list(const RepositoryCache &cache)
{
    RepositoryListing listing;
    JsonParser parser; // one page at a time: each parse replaces the last
    Result<QList<qint64>> installationIds = installations();
    if (!installationIds)
        return fail(installationIds.error());
    for (qint64 installation : installationIds.value()) {
        Result<QByteArray> token = m_auth.installationToken(m_client, installation);
        if (!token)
            return fail(token.error());
        QString url = QStringLiteral("/installation/repositories?per_page=%1").arg(kPerPage);
        int pageNumber = 0;
        QSet<QString> listed;             // this installation's repositories, each once
        std::optional<qint64> totalCount; // what the newest page said the whole listing holds
        while (!url.isEmpty()) {
            ++pageNumber;
            // The same URL means different repositories for different installations.
            const QString cacheKey = QStringLiteral("installation %1 %2").arg(installation).arg(m_client.resolve(url).toString());
            ApiClient::Headers headers = GitHubAppAuth::apiHeaders();
            headers.append({ "Authorization", token.value() });
            const auto cached = cache.pages.constFind(cacheKey);
            const bool conditional = cached != cache.pages.constEnd() && mayAskIfChanged(*cached, cache);
            if (conditional)
                headers.append({ "If-None-Match", cached->etag.toUtf8() });
            Result<ApiClient::Response> response = m_client.get(url, headers);
            if (!response)
                return fail(response.error());
            if (response->status == 304 && conditional) {
                ++listing.notModified;
                for (const QString &id : cached->ids) {
                    listing.repositories << cache.repositories.value(id);
                    listed.insert(id);
                }
                if (cached->totalCount)
                    totalCount = cached->totalCount;
                listing.pages.insert(cacheKey, *cached);
                // A 304 may leave out Link: the cached page knows its next one.
                const QString next = RepositoryLister::nextLink(response->header("Link"));
                url = next.isEmpty() ? *cached->next : next;
                continue;
            }
            if (response->status != 200)
                return fail(QStringLiteral("GitHub refused the repositories of installation %1: %2")
                                    .arg(installation)
                                    .arg(ApiClient::describe(*response)));
            Result<JsonFields> parsed = parser.parse(response->body);
            if (!parsed || !parsed->isObject())
                return fail(QStringLiteral("GitHub's page %1 of installation %2 is not a JSON object").arg(pageNumber).arg(installation));
            JsonFields page = parsed.value();
            const QList<JsonFields> repositories = page.objects("repositories");
            const QString next = RepositoryLister::nextLink(response->header("Link"));
            CachedPage fresh{ QString::fromUtf8(response->header("ETag")), {}, next, page.optionalInteger("total_count") };
            if (fresh.totalCount)
                totalCount = fresh.totalCount;
            for (JsonFields item : repositories) {
                Repository repository;
                repository.provider = Provider::GitHub;
                repository.id = QString::number(item.integer("id"));
                repository.fullPath = item.string("full_name");
                repository.name = item.string("name");
                repository.defaultBranch = item.optionalString("default_branch");
                repository.visibility = item.optionalString("visibility");
                if (repository.visibility.isEmpty())
                    if (const auto isPrivate = item.optionalBool("private"))
                        repository.visibility = *isPrivate ? QStringLiteral("private") : QStringLiteral("public");
                repository.archived = item.optionalBool("archived");
                repository.webUrl = item.optionalString("html_url");
                repository.cloneUrl = item.optionalString("clone_url");
                listing.repositories << repository;
                listed.insert(repository.id);
                fresh.ids << repository.id;
            }
            if (!page.ok())
                return fail(QStringLiteral("GitHub's page %1 of installation %2 is malformed: %3")
                                    .arg(pageNumber)
                                    .arg(installation)
                                    .arg(page.error()));
            if (!fresh.etag.isEmpty())
                listing.pages.insert(cacheKey, fresh);
            qCInfo(lcSync).noquote() << "github: installation" << installation << "page" << pageNumber << ":"
                                     << repositories.size() << "repositories";
            url = next;
        }
        // Only a complete listing may replace the cache: one that ended before the count GitHub
        // gave (a lost Link header, a proxy's 304) would remove every repository never read.
        if (totalCount && listed.size() < *totalCount)
            return fail(QStringLiteral("GitHub's listing of installation %1 ended after %2 of the %3 repositories it counts "
                                       "(page %4 named no next page); the cache is kept as it was")
                                .arg(installation)
                                .arg(listed.size())
                                .arg(*totalCount)
                                .arg(pageNumber));
    }
    return listing;
}

} // namespace forgelink

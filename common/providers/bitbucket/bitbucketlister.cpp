#include "providers/bitbucket/bitbucketlister.h"

#include "json/jsonparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace forgelink {

namespace {
constexpr int kPageSize = 1000; // Bitbucket Data Center's maximum
} // namespace

BitbucketLister::BitbucketLister(const BitbucketSettings &settings, const NetworkSettings &network)
    : m_client(RepositoryLister::apiSettings(settings.url, network)), m_token(settings.token)
{
}

Result<RepositoryListing> BitbucketLister::list(const RepositoryCache &)
{
    RepositoryListing listing;
    JsonParser parser; // one page at a time: each parse replaces the last
    qint64 start = 0;
    for (int pageNumber = 1;; ++pageNumber) {
        const QString url = QStringLiteral("/rest/api/latest/repos?permission=REPO_ADMIN&start=%1&limit=%2").arg(start).arg(kPageSize);
        Result<ApiClient::Response> response = m_client.get(url, { { "Authorization", "Bearer " + m_token } });
        if (!response)
            return fail(response.error());
        if (response->status != 200)
            return fail(QStringLiteral("Bitbucket refused to list repositories: %1%2")
                                .arg(ApiClient::describe(*response),
                                     response->status == 401 ? QStringLiteral(" (the HTTP access token is invalid or expired)")
                                                             : QString()));
        Result<JsonFields> parsed = parser.parse(response->body);
        if (!parsed || !parsed->isObject())
            return fail(QStringLiteral("Bitbucket's page %1 of repositories is not a JSON object").arg(pageNumber));
        JsonFields page = parsed.value();
        const QList<JsonFields> values = page.objects("values");
        for (JsonFields item : values) {
            Repository repository;
            repository.provider = Provider::Bitbucket;
            repository.id = QString::number(item.integer("id"));
            const QString slug = item.string("slug");
            repository.fullPath = item.object("project").string("key") + QLatin1Char('/') + slug;
            repository.name = item.optionalString("name");
            if (const auto isPublic = item.optionalBool("public"))
                repository.visibility = *isPublic ? QStringLiteral("public") : QStringLiteral("private");
            repository.archived = item.optionalBool("archived");
            if (auto links = item.optionalObject("links")) {
                QList<JsonFields> self = links->optionalObjects("self");
                if (!self.isEmpty())
                    repository.webUrl = self[0].optionalString("href");
                for (JsonFields clone : links->optionalObjects("clone")) {
                    if (clone.optionalString("name") == u"http")
                        repository.cloneUrl = clone.optionalString("href");
                }
            }
            listing.repositories << repository;
        }
        const bool last = page.optionalBool("isLastPage").value_or(true);
        const qint64 next = last ? 0 : page.integer("nextPageStart");
        if (!page.ok())
            return fail(QStringLiteral("Bitbucket's page %1 of repositories is malformed: %2").arg(pageNumber).arg(page.error()));
        qCInfo(lcSync).noquote() << "bitbucket: page" << pageNumber << ":" << values.size() << "repositories";
        if (last)
            break;
        if (next <= start)
            return fail(QStringLiteral("Bitbucket's page %1 of repositories does not advance (nextPageStart %2)").arg(pageNumber).arg(next));
        start = next;
    }
    return listing;
}

} // namespace forgelink

#include "bitbucketlister.h"

#include "jsonfields.h"

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
        const QJsonDocument document = QJsonDocument::fromJson(response->body);
        if (!document.isObject())
            return fail(QStringLiteral("Bitbucket's page %1 of repositories is not a JSON object").arg(pageNumber));
        JsonFields page(document.object());
        const QJsonArray values = page.array(QStringLiteral("values"));
        for (qsizetype i = 0; i < values.size(); ++i) {
            JsonFields item = page.element(QStringLiteral("values"), i, values.at(i));
            Repository repository;
            repository.provider = Provider::Bitbucket;
            repository.id = QString::number(item.integer(QStringLiteral("id")));
            const QString slug = item.string(QStringLiteral("slug"));
            repository.fullPath = item.object(QStringLiteral("project")).string(QStringLiteral("key")) + QLatin1Char('/') + slug;
            repository.name = item.optionalString(QStringLiteral("name"));
            if (const auto isPublic = item.optionalBool(QStringLiteral("public")))
                repository.visibility = *isPublic ? QStringLiteral("public") : QStringLiteral("private");
            repository.archived = item.optionalBool(QStringLiteral("archived"));
            const QJsonObject links = values.at(i).toObject().value(QStringLiteral("links")).toObject();
            repository.webUrl = links.value(QStringLiteral("self")).toArray().first().toObject().value(QStringLiteral("href")).toString();
            for (const QJsonValue &clone : links.value(QStringLiteral("clone")).toArray()) {
                if (clone.toObject().value(QStringLiteral("name")).toString() == u"http")
                    repository.cloneUrl = clone.toObject().value(QStringLiteral("href")).toString();
            }
            listing.repositories << repository;
        }
        const bool last = page.optionalBool(QStringLiteral("isLastPage")).value_or(true);
        const qint64 next = last ? 0 : page.integer(QStringLiteral("nextPageStart"));
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

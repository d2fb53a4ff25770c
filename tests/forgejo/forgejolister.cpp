#include "forgejolister.h"

#include "forgejoprovider.h"
#include "json/jsonparser.h"

namespace forgelink::test {

ForgejoLister::ForgejoLister(const QString &url, const QByteArray &token, const NetworkSettings &network)
    : m_client(RepositoryLister::apiSettings(url + QStringLiteral("/api/v1"), network)), m_token(token)
{
}

Result<RepositoryListing> ForgejoLister::list(const RepositoryCache &)
{
    RepositoryListing listing;
    JsonParser parser;
    QString url = QStringLiteral("/user/repos?page=1&limit=50");
    while (!url.isEmpty()) {
        Result<ApiClient::Response> response = m_client.get(url, { { "Authorization", "token " + m_token } });
        if (!response)
            return fail(response.error());
        if (response->status != 200)
            return fail(QStringLiteral("Forgejo refused to list repositories: %1").arg(ApiClient::describe(*response)));
        Result<JsonFields> parsed = parser.parse(response->body);
        if (!parsed)
            return fail(QStringLiteral("Forgejo's page of repositories is not JSON"));
        JsonFields page = parsed.value();
        for (JsonFields item : page.asObjects(QStringLiteral("repositories"))) {
            Repository repository;
            repository.provider = ForgejoProvider::kKind;
            repository.id = QString::number(item.integer("id"));
            repository.fullPath = item.string("full_name");
            repository.name = item.optionalString("name");
            repository.defaultBranch = item.optionalString("default_branch");
            repository.archived = item.optionalBool("archived");
            repository.webUrl = item.optionalString("html_url");
            repository.cloneUrl = item.optionalString("clone_url");
            listing.repositories << repository;
        }
        if (!page.ok())
            return fail(QStringLiteral("Forgejo's page of repositories is malformed: %1").arg(page.error()));
        url = RepositoryLister::nextLink(response->header("Link"));
    }
    return listing;
}

} // namespace forgelink::test

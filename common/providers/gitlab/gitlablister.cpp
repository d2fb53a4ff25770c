#include "providers/gitlab/gitlablister.h"

#include "json/jsonparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace forgelink {

GitLabLister::GitLabLister(const GitLabSettings &settings, const NetworkSettings &network)
    : m_client(RepositoryLister::apiSettings(settings.url + QStringLiteral("/api/v4"), network)), m_token(settings.token)
{
}

Result<RepositoryListing> GitLabLister::list(const RepositoryCache &)
{
    RepositoryListing listing;
    JsonParser parser; // one page at a time: each parse replaces the last
    // Maintainer or above only: creating a project hook needs Maintainer (doc/api/project_webhooks.md),
    // so a project where the token's user is Developer is of no use to Pipekit. Not simple=true:
    // that listing has no visibility, archived or permissions (doc/api/projects.md).
    QString url = QStringLiteral("/projects?membership=true&min_access_level=40&pagination=keyset&order_by=id&sort=asc&per_page=100");
    int pageNumber = 0;
    while (!url.isEmpty()) {
        ++pageNumber;
        Result<ApiClient::Response> response = m_client.get(url, { { "PRIVATE-TOKEN", m_token } });
        if (!response)
            return fail(response.error());
        if (response->status != 200)
            return fail(QStringLiteral("GitLab refused to list projects: %1%2")
                                .arg(ApiClient::describe(*response),
                                     response->status == 401 ? QStringLiteral(" (the token is invalid, expired or revoked)")
                                                             : QString()));
        Result<JsonFields> parsed = parser.parse(response->body);
        if (!parsed)
            return fail(QStringLiteral("GitLab's page %1 of projects is not a JSON array").arg(pageNumber));
        JsonFields page = parsed.value();
        const QList<JsonFields> projects = page.asObjects(QStringLiteral("projects"));
        for (JsonFields item : projects) {
            Repository repository;
            repository.provider = Provider::GitLab;
            repository.id = QString::number(item.integer("id"));
            repository.fullPath = item.string("path_with_namespace");
            repository.name = item.optionalString("name");
            repository.defaultBranch = item.optionalString("default_branch");
            repository.visibility = item.optionalString("visibility");
            repository.archived = item.optionalBool("archived");
            repository.webUrl = item.optionalString("web_url");
            repository.cloneUrl = item.optionalString("http_url_to_repo");
            // The project's own access level and the one inherited from its group; the higher counts.
            if (auto permissions = item.optionalObject("permissions")) {
                int level = 0;
                for (const char *kind : { "project_access", "group_access" }) {
                    if (auto access = permissions->optionalObject(kind); access && access->has("access_level"))
                        level = std::max(level, int(access->integer("access_level")));
                }
                if (level > 0)
                    repository.accessLevel = level;
            }
            listing.repositories << repository;
        }
        if (!page.ok())
            return fail(QStringLiteral("GitLab's page %1 of projects is malformed: %2").arg(pageNumber).arg(page.error()));
        qCInfo(lcSync).noquote() << "gitlab: page" << pageNumber << ":" << projects.size() << "projects";
        url = RepositoryLister::nextLink(response->header("Link"));
    }
    return listing;
}

} // namespace forgelink

#include "gitlablister.h"

#include "jsonfields.h"

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
    QString url = QStringLiteral("/projects?membership=true&simple=true&pagination=keyset&order_by=id&sort=asc&per_page=100");
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
        const QJsonDocument document = QJsonDocument::fromJson(response->body);
        if (!document.isArray())
            return fail(QStringLiteral("GitLab's page %1 of projects is not a JSON array").arg(pageNumber));
        const QJsonArray projects = document.array();
        QString error;
        JsonFields page(QJsonObject{ { QStringLiteral("projects"), projects } }, {}, &error);
        for (qsizetype i = 0; i < projects.size(); ++i) {
            JsonFields item = page.element(QStringLiteral("projects"), i, projects.at(i));
            Repository repository;
            repository.provider = Provider::GitLab;
            repository.id = QString::number(item.integer(QStringLiteral("id")));
            repository.fullPath = item.string(QStringLiteral("path_with_namespace"));
            repository.name = item.optionalString(QStringLiteral("name"));
            repository.defaultBranch = item.optionalString(QStringLiteral("default_branch"));
            repository.visibility = item.optionalString(QStringLiteral("visibility"));
            repository.archived = item.optionalBool(QStringLiteral("archived"));
            repository.webUrl = item.optionalString(QStringLiteral("web_url"));
            repository.cloneUrl = item.optionalString(QStringLiteral("http_url_to_repo"));
            // The simple listing has no permissions; the full one has project and group access.
            if (auto permissions = item.optionalObject(QStringLiteral("permissions"))) {
                int level = 0;
                for (const QString &kind : { QStringLiteral("project_access"), QStringLiteral("group_access") }) {
                    if (auto access = permissions->optionalObject(kind); access && access->has(QStringLiteral("access_level")))
                        level = std::max(level, int(access->integer(QStringLiteral("access_level"))));
                }
                if (level > 0)
                    repository.accessLevel = level;
            }
            listing.repositories << repository;
        }
        if (!error.isEmpty())
            return fail(QStringLiteral("GitLab's page %1 of projects is malformed: %2").arg(pageNumber).arg(error));
        qCInfo(lcSync).noquote() << "gitlab: page" << pageNumber << ":" << projects.size() << "projects";
        url = RepositoryLister::nextLink(response->header("Link"));
    }
    return listing;
}

} // namespace forgelink

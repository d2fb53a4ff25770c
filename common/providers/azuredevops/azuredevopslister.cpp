#include "providers/azuredevops/azuredevopslister.h"

#include "providers/azuredevops/azuredevopsapi.h"
#include "json/jsonparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUrl>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace forgelink {

namespace {
QString shortBranch(const QString &ref)
{
    return ref.startsWith(QLatin1String("refs/heads/")) ? ref.mid(11) : ref;
}
} // namespace

AzureDevOpsLister::AzureDevOpsLister(const AzureDevOpsSettings &settings, const NetworkSettings &network)
    : m_client(RepositoryLister::apiSettings(settings.organizationUrl, network))
    , m_headers(AzureDevOpsApi::headers(settings.token))
    , m_apiVersion(settings.apiVersion)
{
}

Result<RepositoryListing> AzureDevOpsLister::list(const RepositoryCache &)
{
    struct Project {
        QString id;
        QString name;
        QString visibility;
    };
    QList<Project> projects;
    QByteArray continuation;
    JsonParser parser; // one page at a time: each parse replaces the last
    const ApiClient::Headers headers = m_headers;
    auto refused = [this](const ApiClient::Response &response, const QString &what) {
        if (const QString version = AzureDevOpsApi::versionProblem(response, m_apiVersion); !version.isEmpty())
            return fail(QStringLiteral("Azure DevOps refused to list %1: %2").arg(what, version));
        return fail(QStringLiteral("Azure DevOps refused to list %1: %2%3")
                            .arg(what, ApiClient::describe(response),
                                 response.status == 401 || response.status == 203
                                         ? QStringLiteral(" (the personal access token is invalid or expired)")
                                         : QString()));
    };
    do {
        QString url = QStringLiteral("/_apis/projects?api-version=%1&$top=100").arg(m_apiVersion);
        if (!continuation.isEmpty())
            url += QStringLiteral("&continuationToken=") + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(continuation)));
        Result<ApiClient::Response> response = m_client.get(url, headers);
        if (!response)
            return fail(response.error());
        // Azure DevOps answers a bad PAT with 203 and its sign-in page.
        if (response->status != 200)
            return refused(*response, QStringLiteral("projects"));
        Result<JsonFields> parsed = parser.parse(response->body);
        if (!parsed)
            return fail(QStringLiteral("Azure DevOps' page of projects is not JSON: %1").arg(parsed.error()));
        JsonFields page = parsed.value();
        const QList<JsonFields> values = page.objects("value");
        for (JsonFields item : values) {
            projects << Project{ item.string("id"), item.string("name"),
                                 item.optionalString("visibility") };
        }
        if (!page.ok())
            return fail(QStringLiteral("Azure DevOps' page of projects is malformed: %1").arg(page.error()));
        continuation = response->header("x-ms-continuationtoken");
    } while (!continuation.isEmpty());

    RepositoryListing listing;
    for (const Project &project : projects) {
        const QString url = QStringLiteral("/%1/_apis/git/repositories?api-version=%2").arg(project.id, m_apiVersion);
        Result<ApiClient::Response> response = m_client.get(url, headers);
        if (!response)
            return fail(response.error());
        if (response->status != 200)
            return refused(*response, QStringLiteral("the repositories of project %1").arg(project.name));
        Result<JsonFields> parsed = parser.parse(response->body);
        if (!parsed)
            return fail(QStringLiteral("Azure DevOps' repositories of project %1 are not JSON: %2").arg(project.name, parsed.error()));
        JsonFields page = parsed.value();
        const QList<JsonFields> values = page.objects("value");
        for (JsonFields item : values) {
            Repository repository;
            repository.provider = Provider::AzureDevOps;
            repository.id = item.string("id");
            repository.name = item.string("name");
            repository.fullPath = project.name + QLatin1Char('/') + repository.name;
            repository.defaultBranch = shortBranch(item.optionalString("defaultBranch"));
            repository.visibility = project.visibility;
            repository.webUrl = item.optionalString("webUrl");
            repository.cloneUrl = item.optionalString("remoteUrl");
            listing.repositories << repository;
        }
        if (!page.ok())
            return fail(QStringLiteral("Azure DevOps' repositories of project %1 are malformed: %2").arg(project.name, page.error()));
        qCInfo(lcSync).noquote() << "azure-devops: project" << project.name << ":" << values.size() << "repositories";
    }
    return listing;
}

} // namespace forgelink

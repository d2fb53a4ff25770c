#include "providers/azuredevops/azuredevopshookprovisioner.h"

#include "providers/azuredevops/azuredevopsapi.h"
#include "providers/providercatalogue.h"
#include "providers/repositorylister.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace forgelink {

AzureDevOpsHookProvisioner::AzureDevOpsHookProvisioner(const AzureDevOpsSettings &settings, const NetworkSettings &network, QString url)
    : m_token(settings.token), m_user(settings.basicAuthUser),
      m_password(settings.basicAuthPasswords.value(0)), m_url(std::move(url)), m_apiVersion(settings.apiVersion)
{
    m_client = std::make_unique<ApiClient>(RepositoryLister::apiSettings(settings.organizationUrl, network));
}

QStringList AzureDevOpsHookProvisioner::kinds() const
{
    return ProviderCatalogue::azureDevOpsSubscriptionEvents();
}

ApiClient::Headers AzureDevOpsHookProvisioner::headers() const
{
    ApiClient::Headers headers = AzureDevOpsApi::headers(m_token);
    headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return headers;
}

QString AzureDevOpsHookProvisioner::describe(const ApiClient::Response &response) const
{
    const QString version = AzureDevOpsApi::versionProblem(response, m_apiVersion);
    return version.isEmpty() ? ApiClient::describe(response) : version;
}

Result<QString> AzureDevOpsHookProvisioner::projectId(const Repository &repository)
{
    const QString project = repository.fullPath.section(QLatin1Char('/'), 0, 0);
    if (const auto known = m_projectIds.constFind(project); known != m_projectIds.constEnd())
        return *known;
    Result<ApiClient::Response> response = m_client->get(
            QStringLiteral("/_apis/projects/%1?api-version=%2").arg(QString::fromUtf8(QUrl::toPercentEncoding(project)), m_apiVersion), headers());
    if (!response)
        return fail(response.error());
    const QString id = QJsonDocument::fromJson(response->body).object().value(QStringLiteral("id")).toString();
    if (response->status != 200 || id.isEmpty())
        return fail(QStringLiteral("Azure DevOps does not show project %1: %2").arg(project, describe(*response)));
    m_projectIds.insert(project, id);
    return id;
}

Result<QByteArray> AzureDevOpsHookProvisioner::body(const Repository &repository, const QString &kind, const QByteArray &password)
{
    Result<QString> project = projectId(repository);
    if (!project)
        return fail(project.error());
    QJsonObject publisherInputs{ { QStringLiteral("projectId"), project.value() },
                                 { QStringLiteral("repository"), repository.id },
                                 { QStringLiteral("branch"), QString() } };
    if (kind == u"git.push")
        publisherInputs.insert(QStringLiteral("pushedBy"), QString());
    if (kind == u"git.pullrequest.updated")
        publisherInputs.insert(QStringLiteral("notificationType"), QStringLiteral("PushNotification"));
    return QJsonDocument(QJsonObject{ { QStringLiteral("publisherId"), QStringLiteral("tfs") },
                                      { QStringLiteral("eventType"), kind },
                                      { QStringLiteral("resourceVersion"), QStringLiteral("1.0") },
                                      { QStringLiteral("consumerId"), QStringLiteral("webHooks") },
                                      { QStringLiteral("consumerActionId"), QStringLiteral("httpRequest") },
                                      { QStringLiteral("status"), QStringLiteral("enabled") },
                                      { QStringLiteral("publisherInputs"), publisherInputs },
                                      { QStringLiteral("consumerInputs"),
                                        QJsonObject{ { QStringLiteral("url"), m_url },
                                                     { QStringLiteral("basicAuthUsername"), m_user },
                                                     { QStringLiteral("basicAuthPassword"), QString::fromUtf8(password) },
                                                     { QStringLiteral("resourceDetailsToSend"), QStringLiteral("all") },
                                                     { QStringLiteral("messagesToSend"), QStringLiteral("none") },
                                                     { QStringLiteral("detailedMessagesToSend"), QStringLiteral("none") } } } })
            .toJson(QJsonDocument::Compact);
}

Result<QList<RemoteHook>> AzureDevOpsHookProvisioner::findOurs(const Repository &repository)
{
    Result<ApiClient::Response> response = m_client->get(
            QStringLiteral("/_apis/hooks/subscriptions?publisherId=tfs&consumerId=webHooks&consumerActionId=httpRequest&api-version=%1").arg(m_apiVersion),
            headers());
    if (!response)
        return fail(response.error());
    if (response->status != 200)
        return fail(QStringLiteral("Azure DevOps refused to list Service Hook subscriptions: %1").arg(describe(*response)));
    QList<RemoteHook> ours;
    for (const QJsonValue &value : QJsonDocument::fromJson(response->body).object().value(QStringLiteral("value")).toArray()) {
        const QJsonObject subscription = value.toObject();
        const QJsonObject consumer = subscription.value(QStringLiteral("consumerInputs")).toObject();
        const QJsonObject publisher = subscription.value(QStringLiteral("publisherInputs")).toObject();
        if (consumer.value(QStringLiteral("url")).toString() != m_url
            || publisher.value(QStringLiteral("repository")).toString().compare(repository.id, Qt::CaseInsensitive) != 0)
            continue;
        RemoteHook remote;
        remote.id = subscription.value(QStringLiteral("id")).toString();
        remote.kind = subscription.value(QStringLiteral("eventType")).toString();
        // onProbation ("Enabled (restricted)") still delivers on its retry schedule and becomes
        // enabled again after one success: replacing it would only reset that. disabledBySystem and
        // disabledByUser do not deliver (docs/service-hooks/troubleshoot.md).
        const QString status = subscription.value(QStringLiteral("status")).toString();
        remote.enabled = status == u"enabled" || status == u"onProbation";
        remote.matches = consumer.value(QStringLiteral("basicAuthUsername")).toString() == m_user
                && (remote.kind != u"git.pullrequest.updated"
                    || publisher.value(QStringLiteral("notificationType")).toString() == u"PushNotification");
        ours << remote;
    }
    return ours;
}

Result<RemoteHook> AzureDevOpsHookProvisioner::create(const Repository &repository, const QString &kind)
{
    Result<QByteArray> payload = body(repository, kind, m_password);
    if (!payload)
        return fail(payload.error());
    Result<ApiClient::Response> response =
            m_client->request("POST", QStringLiteral("/_apis/hooks/subscriptions?api-version=%1").arg(m_apiVersion), headers(), payload.value());
    if (!response)
        return fail(response.error());
    if (response->status != 200 && response->status != 201)
        return fail(QStringLiteral("Azure DevOps refused the %1 subscription for %2: %3%4")
                            .arg(kind, repository.fullPath, describe(*response),
                                 response->status == 401 || response->status == 403
                                         ? QStringLiteral(" (the PAT's owner needs \"Edit subscriptions\")")
                                         : QString()));
    RemoteHook hook;
    hook.id = QJsonDocument::fromJson(response->body).object().value(QStringLiteral("id")).toString();
    hook.kind = kind;
    return hook;
}

Result<RemoteHook> AzureDevOpsHookProvisioner::repair(const Repository &repository, const RemoteHook &hook)
{
    if (Result<void> updated = setSecret(repository, hook, m_password); !updated) // the full subscription, status enabled
        return fail(updated.error());
    return hook;
}

Result<void> AzureDevOpsHookProvisioner::setSecret(const Repository &repository, const RemoteHook &hook, const QByteArray &secret)
{
    Result<QByteArray> payload = body(repository, hook.kind, secret);
    if (!payload)
        return fail(payload.error());
    Result<ApiClient::Response> response =
            m_client->request("PUT", QStringLiteral("/_apis/hooks/subscriptions/%1?api-version=%2").arg(hook.id, m_apiVersion), headers(), payload.value());
    if (!response)
        return fail(response.error());
    if (response->status != 200)
        return fail(QStringLiteral("Azure DevOps refused to update the %1 subscription for %2: %3")
                            .arg(hook.kind, repository.fullPath, ApiClient::describe(*response)));
    return {};
}

Result<bool> AzureDevOpsHookProvisioner::remove(const Repository &repository, const RemoteHook &hook)
{
    Result<ApiClient::Response> response =
            m_client->request("DELETE", QStringLiteral("/_apis/hooks/subscriptions/%1?api-version=%2").arg(hook.id, m_apiVersion), headers());
    if (!response)
        return fail(response.error());
    if (response->status == 404)
        return false;
    if (response->status != 204 && response->status != 200)
        return fail(QStringLiteral("Azure DevOps refused to remove the %1 subscription for %2: %3")
                            .arg(hook.kind, repository.fullPath, ApiClient::describe(*response)));
    return true;
}

} // namespace forgelink

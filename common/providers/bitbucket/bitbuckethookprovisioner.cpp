#include "providers/bitbucket/bitbuckethookprovisioner.h"

#include "providers/repositorylister.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace forgelink {

BitbucketHookProvisioner::BitbucketHookProvisioner(const BitbucketSettings &settings, const NetworkSettings &network, QString url)
    : m_token(settings.token), m_secret(settings.webhookSecrets.value(0)), m_url(std::move(url))
{
    m_client = std::make_unique<ApiClient>(RepositoryLister::apiSettings(settings.url, network));
}

QStringList BitbucketHookProvisioner::events()
{
    return { QStringLiteral("repo:refs_changed"), QStringLiteral("pr:opened"), QStringLiteral("pr:from_ref_updated"),
             QStringLiteral("pr:merged"), QStringLiteral("pr:declined") };
}

ApiClient::Headers BitbucketHookProvisioner::headers() const
{
    return { { "Authorization", "Bearer " + m_token }, { "Content-Type", "application/json" }, { "Accept", "application/json" } };
}

QString BitbucketHookProvisioner::hooksPath(const Repository &repository) const
{
    const QString key = repository.fullPath.section(QLatin1Char('/'), 0, 0);
    const QString slug = repository.fullPath.section(QLatin1Char('/'), 1);
    return QStringLiteral("/rest/api/latest/projects/%1/repos/%2/webhooks")
            .arg(QString::fromUtf8(QUrl::toPercentEncoding(key)), QString::fromUtf8(QUrl::toPercentEncoding(slug)));
}

QByteArray BitbucketHookProvisioner::body(const QByteArray &secret) const
{
    return QJsonDocument(QJsonObject{ { QStringLiteral("name"), QStringLiteral("Pipekit (forgelink)") },
                                      { QStringLiteral("url"), m_url },
                                      { QStringLiteral("events"), QJsonArray::fromStringList(events()) },
                                      { QStringLiteral("active"), true },
                                      { QStringLiteral("sslVerificationRequired"), true },
                                      { QStringLiteral("configuration"), QJsonObject{ { QStringLiteral("secret"), QString::fromUtf8(secret) } } } })
            .toJson(QJsonDocument::Compact);
}

Result<QList<RemoteHook>> BitbucketHookProvisioner::findOurs(const Repository &repository)
{
    QList<RemoteHook> ours;
    qint64 start = 0;
    for (;;) {
        Result<ApiClient::Response> response = m_client->get(hooksPath(repository) + QStringLiteral("?start=%1&limit=100").arg(start), headers());
        if (!response)
            return fail(response.error());
        if (response->status != 200)
            return fail(QStringLiteral("Bitbucket refused to list the webhooks of %1: %2").arg(repository.fullPath, ApiClient::describe(*response)));
        const QJsonObject page = QJsonDocument::fromJson(response->body).object();
        for (const QJsonValue &value : page.value(QStringLiteral("values")).toArray()) {
            const QJsonObject hook = value.toObject();
            if (hook.value(QStringLiteral("url")).toString() != m_url)
                continue;
            QStringList hookEvents;
            for (const QJsonValue &event : hook.value(QStringLiteral("events")).toArray())
                hookEvents << event.toString();
            RemoteHook remote;
            remote.id = QString::number(qint64(hook.value(QStringLiteral("id")).toDouble()));
            remote.kind = QStringLiteral("webhook");
            remote.enabled = hook.value(QStringLiteral("active")).toBool(true);
            remote.matches = true;
            for (const QString &event : events())
                remote.matches &= hookEvents.contains(event);
            ours << remote;
        }
        if (page.value(QStringLiteral("isLastPage")).toBool(true))
            break;
        const qint64 next = qint64(page.value(QStringLiteral("nextPageStart")).toDouble());
        if (next <= start)
            break;
        start = next;
    }
    return ours;
}

Result<RemoteHook> BitbucketHookProvisioner::create(const Repository &repository, const QString &)
{
    Result<ApiClient::Response> response = m_client->request("POST", hooksPath(repository), headers(), body(m_secret));
    if (!response)
        return fail(response.error());
    if (response->status != 201 && response->status != 200)
        return fail(QStringLiteral("Bitbucket refused to create the webhook on %1: %2%3")
                            .arg(repository.fullPath, ApiClient::describe(*response),
                                 response->status == 401 || response->status == 403 ? QStringLiteral(" (the token needs REPO_ADMIN)") : QString()));
    RemoteHook hook;
    hook.id = QString::number(qint64(QJsonDocument::fromJson(response->body).object().value(QStringLiteral("id")).toDouble()));
    hook.kind = QStringLiteral("webhook");
    return hook;
}

Result<RemoteHook> BitbucketHookProvisioner::repair(const Repository &repository, const RemoteHook &hook)
{
    if (Result<void> updated = setSecret(repository, hook, m_secret); !updated) // the full settings, active again
        return fail(updated.error());
    return hook;
}

Result<void> BitbucketHookProvisioner::setSecret(const Repository &repository, const RemoteHook &hook, const QByteArray &secret)
{
    Result<ApiClient::Response> response =
            m_client->request("PUT", hooksPath(repository) + QLatin1Char('/') + hook.id, headers(), body(secret));
    if (!response)
        return fail(response.error());
    if (response->status != 200)
        return fail(QStringLiteral("Bitbucket refused to update the webhook on %1: %2").arg(repository.fullPath, ApiClient::describe(*response)));
    return {};
}

Result<bool> BitbucketHookProvisioner::remove(const Repository &repository, const RemoteHook &hook)
{
    Result<ApiClient::Response> response = m_client->request("DELETE", hooksPath(repository) + QLatin1Char('/') + hook.id, headers());
    if (!response)
        return fail(response.error());
    if (response->status == 404)
        return false;
    if (response->status != 204 && response->status != 200)
        return fail(QStringLiteral("Bitbucket refused to remove the webhook on %1: %2").arg(repository.fullPath, ApiClient::describe(*response)));
    return true;
}

} // namespace forgelink

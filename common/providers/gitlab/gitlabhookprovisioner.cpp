#include "providers/gitlab/gitlabhookprovisioner.h"

#include "providers/repositorylister.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace forgelink {

GitLabHookProvisioner::GitLabHookProvisioner(const GitLabSettings &settings, const NetworkSettings &network, QString url)
    : m_token(settings.token), m_secret(settings.webhookSecrets.value(0)), m_url(std::move(url))
{
    m_client = std::make_unique<ApiClient>(RepositoryLister::apiSettings(settings.url + QStringLiteral("/api/v4"), network));
}

ApiClient::Headers GitLabHookProvisioner::headers() const
{
    return { { "PRIVATE-TOKEN", m_token }, { "Content-Type", "application/json" } };
}

QByteArray GitLabHookProvisioner::body(const QByteArray &secret) const
{
    return QJsonDocument(QJsonObject{ { QStringLiteral("url"), m_url },
                                      { QStringLiteral("name"), QStringLiteral("Pipekit (forgelink)") },
                                      { QStringLiteral("token"), QString::fromUtf8(secret) },
                                      { QStringLiteral("push_events"), true },
                                      { QStringLiteral("tag_push_events"), true },
                                      { QStringLiteral("merge_requests_events"), true },
                                      { QStringLiteral("enable_ssl_verification"), true } })
            .toJson(QJsonDocument::Compact);
}

Result<QList<RemoteHook>> GitLabHookProvisioner::findOurs(const Repository &repository)
{
    QList<RemoteHook> ours;
    QString path = QStringLiteral("/projects/%1/hooks?per_page=100").arg(repository.id);
    while (!path.isEmpty()) {
        Result<ApiClient::Response> response = m_client->get(path, headers());
        if (!response)
            return fail(response.error());
        if (response->status != 200)
            return fail(QStringLiteral("GitLab refused to list the hooks of %1: %2%3")
                                .arg(repository.fullPath, ApiClient::describe(*response),
                                     response->status == 403 ? QStringLiteral(" (the token's user must be a Maintainer)") : QString()));
        for (const QJsonValue &value : QJsonDocument::fromJson(response->body).array()) {
            const QJsonObject hook = value.toObject();
            if (hook.value(QStringLiteral("url")).toString() != m_url)
                continue;
            RemoteHook remote;
            remote.id = QString::number(qint64(hook.value(QStringLiteral("id")).toDouble()));
            remote.kind = QStringLiteral("webhook");
            const QString status = hook.value(QStringLiteral("alert_status")).toString();
            remote.enabled = status.isEmpty() || status == u"executable";
            remote.matches = hook.value(QStringLiteral("push_events")).toBool() && hook.value(QStringLiteral("tag_push_events")).toBool()
                    && hook.value(QStringLiteral("merge_requests_events")).toBool()
                    && hook.value(QStringLiteral("enable_ssl_verification")).toBool();
            ours << remote;
        }
        path = RepositoryLister::nextLink(response->header("Link"));
    }
    return ours;
}

Result<RemoteHook> GitLabHookProvisioner::create(const Repository &repository, const QString &)
{
    Result<ApiClient::Response> response =
            m_client->request("POST", QStringLiteral("/projects/%1/hooks").arg(repository.id), headers(), body(m_secret));
    if (!response)
        return fail(response.error());
    if (response->status != 201)
        return fail(QStringLiteral("GitLab refused to create the hook on %1: %2").arg(repository.fullPath, ApiClient::describe(*response)));
    RemoteHook hook;
    hook.id = QString::number(qint64(QJsonDocument::fromJson(response->body).object().value(QStringLiteral("id")).toDouble()));
    hook.kind = QStringLiteral("webhook");
    return hook;
}

Result<RemoteHook> GitLabHookProvisioner::repair(const Repository &repository, const RemoteHook &hook)
{
    if (!hook.matches) {
        if (Result<void> set = setSecret(repository, hook, m_secret); !set)
            return fail(set.error());
    }
    if (hook.enabled)
        return hook;
    // GitLab re-enables a hook it disabled once a delivery succeeds, and a test delivery is one:
    // POST .../hooks/:hook_id/test/:trigger, which exists from GitLab 16.11.
    Result<ApiClient::Response> response = m_client->request(
            "POST", QStringLiteral("/projects/%1/hooks/%2/test/push_events").arg(repository.id, hook.id), headers());
    if (!response) {
        // From 17.1 hook tests are limited to 5 a minute per project and user, and the limit's 429
        // names no time: the client waited a minute, or could not wait that long.
        if (response.error().contains(QLatin1String("rate limit")))
            return fail(QStringLiteral("GitLab refused to re-enable the hook on %1: it allows 5 hook tests a minute per project "
                                       "(GitLab 17.1 and later); the next reconcile tries again (%2)")
                                .arg(repository.fullPath, response.error()));
        return fail(response.error());
    }
    if (response->status == 201 || response->status == 200)
        return hook;
    if (response->status != 404 && response->status != 422)
        return fail(QStringLiteral("GitLab refused to re-enable the hook on %1: %2").arg(repository.fullPath, ApiClient::describe(*response)));
    // Before 16.11 the API cannot test a hook (and a hook removed meanwhile is 404 too); a project
    // without a commit cannot be sent a test push, and a test that did not reach the agent does
    // not re-enable anything (both 422). A new hook starts enabled, so replace the disabled one.
    Result<RemoteHook> replacement = create(repository, hook.kind);
    if (!replacement)
        return fail(QStringLiteral("GitLab could not re-enable the hook on %1 by a test delivery (%2), and creating a new "
                                   "one failed: %3")
                            .arg(repository.fullPath,
                                 response->status == 404 ? QStringLiteral("the test API needs GitLab 16.11") : ApiClient::describe(*response),
                                 replacement.error()));
    if (Result<bool> removed = remove(repository, hook); !removed)
        return fail(removed.error());
    return replacement;
}

Result<void> GitLabHookProvisioner::setSecret(const Repository &repository, const RemoteHook &hook, const QByteArray &secret)
{
    Result<ApiClient::Response> response = m_client->request(
            "PUT", QStringLiteral("/projects/%1/hooks/%2").arg(repository.id, hook.id), headers(), body(secret));
    if (!response)
        return fail(response.error());
    if (response->status != 200)
        return fail(QStringLiteral("GitLab refused to update the hook on %1: %2").arg(repository.fullPath, ApiClient::describe(*response)));
    return {};
}

Result<bool> GitLabHookProvisioner::remove(const Repository &repository, const RemoteHook &hook)
{
    Result<ApiClient::Response> response =
            m_client->request("DELETE", QStringLiteral("/projects/%1/hooks/%2").arg(repository.id, hook.id), headers());
    if (!response)
        return fail(response.error());
    if (response->status == 404)
        return false;
    if (response->status != 204 && response->status != 200)
        return fail(QStringLiteral("GitLab refused to remove the hook on %1: %2").arg(repository.fullPath, ApiClient::describe(*response)));
    return true;
}

} // namespace forgelink

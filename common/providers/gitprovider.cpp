#include "providers/gitprovider.h"

#include "json/jsonfields.h"
#include "providers/hookprovisioner.h"
#include "sync/repositorychange.h"

namespace forgelink {

bool GitProvider::keepsHeader(QByteArrayView name) const
{
    for (const QByteArray &kept : keptHeaders()) {
        if (kept.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray GitProvider::deliveryId(const WebhookRequest &request, const JsonFields &) const
{
    return deliveryIdFromHeaders(request);
}

QByteArray GitProvider::deliveryIdFromHeaders(const WebhookRequest &) const
{
    return {};
}

QString GitProvider::eventFromPayload(const JsonFields &) const
{
    return {};
}

WebhookVerifier::Verdict GitProvider::verifyBody(const WebhookRequest &, const WebhookCredentials &) const
{
    return { WebhookVerifier::Judgement::Verified, {} };
}

QList<RepositoryChange> GitProvider::repositoryChanges(const Delivery &) const
{
    return {};
}

Result<std::unique_ptr<HookProvisioner>> GitProvider::hookProvisioner(const AgentConfig &, const QString &) const
{
    return fail(QStringLiteral("%1 has no per-repository hooks").arg(displayName()));
}

Result<QStringList> GitProvider::checkCoverage(const AgentConfig &, const QString &) const
{
    return fail(QStringLiteral("%1 covers repositories with their own hooks").arg(displayName()));
}

Result<QStringList> GitProvider::setAccountWebhookSecret(const AgentConfig &, const QByteArray &) const
{
    return fail(QStringLiteral("%1 has no account-wide webhook").arg(displayName()));
}

} // namespace forgelink

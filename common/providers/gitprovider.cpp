#include "providers/gitprovider.h"

#include "core/repositorychange.h"
#include "core/webhookrequest.h"
#include "json/jsonfields.h"
#include "providers/deliveryrecovery.h"
#include "providers/hookprovisioner.h"
#include "settings/agentconfig.h"
#include "settings/answers.h"

namespace forgelink {

bool GitProvider::isEnabled(const AgentConfig &config) const
{
    return config.isEnabled(kind());
}

bool GitProvider::isEnabled(const Answers &answers) const
{
    return answers.isEnabled(kind());
}

std::optional<ProviderField> GitProvider::answerField(const QString &key) const
{
    for (const ProviderField &field : answerFields()) {
        if (field.key == key)
            return field;
    }
    return std::nullopt;
}

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

Result<QString> GitProvider::eventFromPayload(const JsonFields &) const
{
    return fail(QStringLiteral("%1 names its events in the %2 header").arg(displayName(), QString::fromLatin1(eventHeader())));
}

Result<QByteArray> GitProvider::payloadJson(const WebhookRequest &request) const
{
    const QByteArray contentType = request.header("Content-Type").split(';').first().trimmed().toLower();
    if (!contentType.isEmpty() && contentType != "application/json" && !contentType.endsWith("+json"))
        return fail(QStringLiteral("Content-Type %1 is not supported; send application/json").arg(QString::fromLatin1(contentType)));
    return request.body;
}

WebhookVerifier::Verdict GitProvider::acceptUnsignedPing(const QString &) const
{
    return WebhookVerifier::rejected(QStringLiteral("not signed"));
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

GitProvider::RecoverySchedule GitProvider::recoverySchedule(const AgentConfig &) const
{
    return {};
}

std::unique_ptr<DeliveryRecovery> GitProvider::deliveryRecovery(const AgentConfig &, Store &, const QString &) const
{
    return nullptr;
}

Result<QStringList> GitProvider::setAccountWebhookSecret(const AgentConfig &, const QByteArray &) const
{
    return fail(QStringLiteral("%1 has no account-wide webhook").arg(displayName()));
}

} // namespace forgelink

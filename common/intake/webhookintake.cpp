#include "intake/webhookintake.h"

#include "crypto/crypto.h"
#include "intake/deliveryverifier.h"
#include "providers/providerregistry.h"

namespace forgelink {

namespace {

WebhookIntake::Decision refuse(int status, const QString &reason)
{
    WebhookIntake::Decision decision;
    decision.status = status;
    decision.reason = reason;
    return decision;
}

// Headers worth keeping with a delivery besides the provider's own: what it is and who sent it.
// Signatures, tokens and credentials are never stored.
const QList<QByteArray> &commonKeptHeaders()
{
    static const QList<QByteArray> names = { "Content-Type", "User-Agent" };
    return names;
}

} // namespace

WebhookIntake::WebhookIntake(const AgentConfig &config)
{
    for (Provider provider : config.enabledProviders())
        m_credentials.insert(provider, ProviderRegistry::get(provider).credentials(config));
}

void WebhookIntake::setCredentials(Provider provider, const WebhookCredentials &credentials)
{
    m_credentials.insert(provider, credentials);
}

QString WebhookIntake::deliveryIdFor(Provider provider, const WebhookRequest &request, const JsonFields &payload)
{
    const QByteArray id = ProviderRegistry::get(provider).deliveryId(request, payload).trimmed();
    if (!isUsableDeliveryId(id))
        return QStringLiteral("sha256:") + QString::fromLatin1(Crypto::sha256(request.body).toHex());
    return QString::fromLatin1(id);
}

bool WebhookIntake::isUsableDeliveryId(QByteArrayView id)
{
    if (id.isEmpty() || id.size() > 200)
        return false;
    for (qsizetype i = 0; i < id.size(); ++i) {
        const char c = id[i];
        const bool alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alphanumeric && (i == 0 || (c != '-' && c != '_' && c != '.')))
            return false;
    }
    return true;
}

std::optional<WebhookIntake::Decision> WebhookIntake::screen(Provider provider, const WebhookRequest &request) const
{
    const auto credentials = m_credentials.constFind(provider);
    if (credentials == m_credentials.constEnd())
        return refuse(404, QStringLiteral("provider %1 is not enabled").arg(providerId(provider)));
    const WebhookVerifier::Verdict verdict = DeliveryVerifier::checkHeaders(provider, request, *credentials);
    if (verdict.judgement == WebhookVerifier::Judgement::Rejected)
        return refuse(401, verdict.reason);
    if (verdict.judgement == WebhookVerifier::Judgement::UnsignedPing) {
        bool known = false;
        const qint64 length = request.header("Content-Length").trimmed().toLongLong(&known);
        if (!known || length > kMaxUnsignedPingBytes)
            return refuse(413, QStringLiteral("an unsigned ping must come with a Content-Length of at most %1 bytes").arg(kMaxUnsignedPingBytes));
    }
    return std::nullopt;
}

WebhookIntake::Decision WebhookIntake::evaluate(Provider provider, const WebhookRequest &request,
                                                const QDateTime &receivedAt) const
{
    const auto credentials = m_credentials.constFind(provider);
    if (credentials == m_credentials.constEnd())
        return refuse(404, QStringLiteral("provider %1 is not enabled").arg(providerId(provider)));

    const WebhookVerifier::Verdict verdict = DeliveryVerifier::verify(provider, request, *credentials);
    if (verdict.judgement == WebhookVerifier::Judgement::Rejected)
        return refuse(401, verdict.reason);
    if (verdict.judgement == WebhookVerifier::Judgement::UnsignedPing && request.body.size() > kMaxUnsignedPingBytes)
        return refuse(413, QStringLiteral("an unsigned ping must be at most %1 bytes").arg(kMaxUnsignedPingBytes));

    const GitProvider &git = ProviderRegistry::get(provider);
    // The ledger keys on these and the targets receive them: two copies would let each see a
    // different delivery id or event.
    for (const QByteArray &identity : git.keptHeaders()) {
        if (const int count = request.headerCount(identity); count > 1)
            return refuse(400, QStringLiteral("%1 appears %2 times; send one").arg(QString::fromLatin1(identity)).arg(count));
    }
    const QByteArray headerName = git.eventHeader();
    QString event = QString::fromUtf8(request.header(headerName).trimmed());
    if (!headerName.isEmpty() && event.isEmpty())
        return refuse(400, QStringLiteral("missing %1 header").arg(QString::fromLatin1(headerName)));

    const Result<QByteArray> json = git.payloadJson(request);
    if (!json)
        return refuse(400, json.error());
    Result<JsonFields> parsed = m_parser.parse(json.value());
    if (!parsed)
        return refuse(400, QStringLiteral("body is not JSON: %1").arg(parsed.error()));
    const JsonFields payload = parsed.value();
    if (!payload.isObject())
        return refuse(400, QStringLiteral("body must be a JSON object"));

    if (headerName.isEmpty()) {
        const Result<QString> named = git.eventFromPayload(payload);
        if (!named)
            return refuse(400, named.error());
        event = named.value();
    }
    if (verdict.judgement == WebhookVerifier::Judgement::UnsignedPing) {
        if (const WebhookVerifier::Verdict ping = git.acceptUnsignedPing(event); ping.judgement != WebhookVerifier::Judgement::Verified)
            return refuse(401, ping.reason);
        // Nobody vouches for it: answered so that "Test connection" passes, never stored.
        Decision answered = refuse(200, QStringLiteral("pong (unsigned: not recorded)"));
        answered.isPing = true;
        return answered;
    }

    Result<NormalizedEvents> events = git.normalize(event, payload);
    if (!events)
        return refuse(400, QStringLiteral("%1 payload: %2").arg(event, events.error()));

    Delivery delivery;
    delivery.provider = provider;
    delivery.deliveryId = deliveryIdFor(provider, request, payload);
    delivery.event = event;
    delivery.receivedAt = receivedAt.toUTC();
    const QList<QByteArray> credentialHeaders = git.credentialHeaders();
    for (const auto &header : request.headers) {
        // A named reference, not a structured binding: clang 14 cannot capture bindings.
        const QByteArray &name = header.first;
        const QByteArray &value = header.second;
        const bool common = std::any_of(commonKeptHeaders().begin(), commonKeptHeaders().end(),
                                        [&name](const QByteArray &kept) { return kept.compare(name, Qt::CaseInsensitive) == 0; });
        if (common || git.keepsHeader(name)) {
            delivery.headers.insert(QString::fromLatin1(name), QString::fromUtf8(value));
            continue;
        }
        for (const QByteArray &credential : credentialHeaders) {
            if (credential.compare(name, Qt::CaseInsensitive) == 0)
                delivery.credentials.insert(QString::fromLatin1(name), QString::fromUtf8(value));
        }
    }
    delivery.body = request.body;
    delivery.events = events.value();

    Decision decision;
    decision.isPing = delivery.events.size() == 1 && delivery.events.first().kind == u"ping";
    decision.delivery = std::move(delivery);
    return decision;
}

} // namespace forgelink
